"""The plan and its chain: agreement -> strategic goals -> success criteria,
delaftaler -> delmål -> activities -> registrations, and status reports.

Model names keep the Danish domain terms without æøå; verbose names are proper Danish.
One module per concern; every public name is re-exported here, so
``from helhedsplaner.models import X`` is the way to import them.
"""

from .agreements import (
    Aftalestatus,
    Delaftale,
    Delaftaleversion,
    Maalaendring,
    Samarbejdsaftale,
    SamarbejdsaftaleQuerySet,
    StrategiskMaal,
    Succeskriterie,
    agreement_current,
    agreement_in_force,
)
from .plan import (
    Budgetpost,
    Helhedsplan,
    HelhedsplanQuerySet,
)
from .practice import (
    Aktivitet,
    Aktivitetsregistrering,
    Delmaal,
    Deltagertal,
    Milepael,
)
from .reference import (
    Afdeling,
    Bevillingsperiode,
    Boligomraade,
    Boligorganisation,
    Forvaltning,
    Indsatsomraade,
    Kommune,
    Maalgruppe,
    Region,
    Samarbejdspartner,
)
from .reports import (
    Delmaalstatus,
    Statusrapport,
    report_state_label,
)

__all__ = [
    "report_state_label",
    "Afdeling",
    "Aftalestatus",
    "Aktivitet",
    "Aktivitetsregistrering",
    "Bevillingsperiode",
    "Boligomraade",
    "Boligorganisation",
    "Budgetpost",
    "Delaftale",
    "Delaftaleversion",
    "Delmaal",
    "Delmaalstatus",
    "Deltagertal",
    "Forvaltning",
    "Helhedsplan",
    "HelhedsplanQuerySet",
    "Indsatsomraade",
    "Kommune",
    "Maalaendring",
    "Maalgruppe",
    "Milepael",
    "Region",
    "Samarbejdsaftale",
    "SamarbejdsaftaleQuerySet",
    "Samarbejdspartner",
    "Statusrapport",
    "StrategiskMaal",
    "Succeskriterie",
    "agreement_current",
    "agreement_in_force",
]
