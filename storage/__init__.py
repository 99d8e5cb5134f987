"""Tables, database sessions, migrations, repositories and the evidence store."""
