"""The running program: channel adapters, dispatch, scheduler jobs, outbox sender, CLI, settings."""
