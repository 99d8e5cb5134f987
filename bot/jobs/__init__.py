"""The jobs that enqueue what the bot sends on its own: reminders, digests, visit summaries.

The scheduler (``bot/scheduler.py``) and the CLI (``dvk nudge``, ``dvk digest``) run them;
``reports/`` tells them who is due and what to say, ``conversations.outbox_composer`` composes
the rows.
"""
