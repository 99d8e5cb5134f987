"""Steps that several flows share: the kinds of question (text, number, money, choice, …) and
the pickers (the unit one acts for, a month, photos, a model's questions).

A flow's ``steps.py`` is built from these; no flow imports another flow.
"""
