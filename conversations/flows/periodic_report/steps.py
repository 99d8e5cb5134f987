"""The questions of ``/report``: the unit, the period, each model's results, the progress of
their goals, the summary, the difficulties and recommendations (both optional), and a note
when the deadline has passed."""

from __future__ import annotations

from typing import Final

from conversations.flow import Repeat, Step
from conversations.flows.periodic_report.questions import (
    ACHIEVED,
    GOALS_GROUP,
    MODELS_GROUP,
    load_period,
    period_options,
)
from conversations.steps import kinds
from conversations.steps.units import UNIT
from conversations.validators import long_text
from locales import N_
from reports.vocabulary import period_title

#: the same questions for each model of the unit
MODELS: Final = Repeat(
    MODELS_GROUP,
    items="_models",
    heading=N_("Model «{name}» ({index}/{total})"),
    steps=(
        kinds.text("achieved", N_("What did it achieve in this period?"), N_("Achieved"),
                   example=N_("Finished 2 km of flower road; held 4 volunteer days"),
                   parse=long_text),
        kinds.count("beneficiaries", N_("How many people benefited? Type a number."),
                    N_("Beneficiaries"), example=N_("120"), optional=True),
        kinds.money("money", N_("How much money was raised, in đồng?"), N_("Money raised"),
                    example=N_("600,000,000"), optional=True),
        kinds.text("built", N_("What was built or made, with quantities?"), N_("Things built"),
                   example=N_("2 km of concrete road, 5 bridges"), optional=True),
        kinds.photos("photos",
                     N_("Send photos of the results, then tap “Done”. You may skip this."),
                     N_("Photos")),
    ),
)  # fmt: skip


#: how much of each goal of those models is achieved so far (skipped: the last value stands)
GOALS: Final = Repeat(GOALS_GROUP, items="_goals", steps=(ACHIEVED,),
                      heading=N_("Goal of «{name}» ({index}/{total})"))  # fmt: skip


STEPS: Final[tuple[Step | Repeat, ...]] = (
    UNIT,
    kinds.choice("period", N_("Which report do you want to send?"), N_("Report"),
                 period_options, loads=load_period, show=period_title),
    MODELS,
    GOALS,
    kinds.text("summary", N_("Sum up the unit's results in this period."), N_("Unit summary"),
               example=N_("The branch kept up 2 models, with 80 union member turnouts"),
               limit=4000),
    kinds.text("difficulties", N_("What difficulties or problems did the unit meet?"),
               N_("Difficulties and problems"),
               example=N_("Little funding; young people work far away in the harvest season"),
               limit=2000, optional=True),
    kinds.text("recommendations", N_("What do you recommend or ask of the upper Union?"),
               N_("Recommendations"),
               example=N_("Support with materials for the second kilometre of road"),
               limit=2000, optional=True),
    kinds.text("note", N_("The deadline has passed. Why is the report being changed now?"),
               N_("Note on the amendment"),
               example=N_("Adding the funding figures confirmed later"), parse=long_text,
               when=lambda d: bool(d.get("_late"))),
)  # fmt: skip
