"""The ground floor: what the movement is, in pure Python.

Roles and levels, the statuses of a model, who may see which unit, the calendar of deadlines and
its reminder keys, the four domains, the five criteria, the yearly targets and the error family.
Nothing here imports anything of ours or outside the standard library, so every rule can be
tested without a database, a messenger or a translation catalog.
"""
