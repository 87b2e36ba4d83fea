"""Reference data of the demo: rounds, indsatsområder, målgrupper, criteria sets,
indicators, kommuner, partners and the shared users.

Invented, except the public reference data: indsatsområder, funding rounds and the
statutory area criteria (DOMAIN.md §§ 2 and 4).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

D = Decimal
date = datetime.date

# --- Reference data ---------------------------------------------------------------------

AREA = {
    "tt": "tryghed-og-trivsel",
    "kp": "kriminalpraeventiv-indsats",
    "ub": "uddannelse-og-beskaeftigelse",
    "ff": "forebyggelse-og-foraeldreansvar",
}

INDSATSOMRAADER_2015 = [
    (
        "tryghed-og-trivsel",
        "Tryghed og trivsel",
        "Tryghed i boligområdet, trivsel, naboskab og beboernes deltagelse i fællesskaber.",
    ),
    (
        "kriminalpraeventiv-indsats",
        "Kriminalpræventiv indsats",
        "Forebyggelse af kriminalitet, særligt blandt børn og unge, i samarbejde med SSP og politi.",
    ),
    (
        "uddannelse-og-beskaeftigelse",
        "Uddannelse og beskæftigelse",
        "Flere unge i uddannelse og flere voksne i job, i tæt samarbejde med kommunens kernedrift.",
    ),
    (
        "forebyggelse-og-foraeldreansvar",
        "Forebyggelse og forældreansvar",
        "Tidlig indsats for børn og familier og styrkelse af forældrene i forældrerollen.",
    ),
]

INDSATSOMRAADER_2019 = [
    ("uddannelse-og-livschancer", "Uddannelse og livschancer", "Skoleparathed og uddannelse."),
    ("beskaeftigelse", "Beskæftigelse", "Flere voksne i job."),
    ("kriminalitetsforebyggelse", "Kriminalitetsforebyggelse", "Kriminalitetsfri unge og trygge områder."),
    (
        "sammenhaengskraft-og-medborgerskab",
        "Sammenhængskraft og medborgerskab",
        "Fællesskab og aktivt medborgerskab.",
    ),
]

INDSATSOMRAADER_2011 = [
    ("boern-unge-og-familie", "Børn, unge og familie", ""),
    ("uddannelse-beskaeftigelse-og-erhverv", "Uddannelse, beskæftigelse og erhverv", ""),
    ("beboernetvaerk-inddragelse-og-demokrati", "Beboernetværk, inddragelse og demokrati", ""),
    ("sundhed", "Sundhed", ""),
    ("udsatte-grupper", "Udsatte grupper", ""),
    ("kultur-og-fritid", "Kultur og fritid", ""),
    ("image-og-kommunikation", "Image og kommunikation", ""),
]

BEVILLINGSPERIODER = [
    {
        "navn": "2015-18-midlerne",
        "start_aar": 2015,
        "slut_aar": 2018,
        "regulativ_dato": date(2015, 3, 19),
        "vejledning_dato": date(2015, 6, 4),
        "min_medfinansiering_pct": D("25.00"),
        "omraader": [kode for kode, _navn, _beskr in INDSATSOMRAADER_2015],
    },
    {
        # The regulativ took effect 1 January 2020 (adopted 11 December 2019, approved
        # 20 December 2019; DOMAIN.md § 3); the vejledning's date is not documented.
        "navn": "2019-26-midlerne",
        "start_aar": 2019,
        "slut_aar": 2026,
        "regulativ_dato": date(2019, 12, 11),
        "vejledning_dato": None,
        "min_medfinansiering_pct": D("25.00"),
        "omraader": [kode for kode, _navn, _beskr in INDSATSOMRAADER_2019],
    },
    {
        # Rule dates and the co-financing share of this round are not documented
        # (DOMAIN.md [?]); the model default of 25 % is kept.
        "navn": "2011-14-midlerne",
        "start_aar": 2011,
        "slut_aar": 2014,
        "regulativ_dato": None,
        "vejledning_dato": None,
        "min_medfinansiering_pct": D("25.00"),
        "omraader": [kode for kode, _navn, _beskr in INDSATSOMRAADER_2011],
    },
]

B05 = "Børn 0-5 år"
B612 = "Børn 6-12 år"
U1317 = "Unge 13-17 år"
U1829 = "Unge 18-29 år"
V3064 = "Voksne 30-64 år"
AE65 = "Ældre 65+ år"
FOR = "Forældre"
MAALGRUPPER = [B05, B612, U1317, U1829, V3064, AE65, FOR]

# Indicators. ``frekvens_mdr`` is how often the demo measures it (not a model field):
# activities and status reports quarterly, register data half-yearly, yearly for
# surveys and yearly rates. ``andel_af`` sizes the denominator for shares.
INDIKATORER = [
    {
        "kode": "uden-arbejde-uddannelse-18-64",
        "navn": "Andel 18-64-årige uden for arbejdsmarked og uddannelse",
        "beskrivelse": "Svarer til kriterium A i almenboligloven § 61a, opgjort for "
        "boligområdet fra Boligsociale Data.",
        "enhed": "%",
        "art": "procent",
        "taeller_definition": "Beboere 18-64 år uden tilknytning til arbejdsmarked eller "
        "uddannelse (fuldtidspersoner)",
        "naevner_definition": "Alle beboere 18-64 år",
        "retning": "lavere",
        "aggregering": "seneste",
        "kilde": "registerdata",
        "min_plausibel": D("0"),
        "max_plausibel": D("100"),
        "frekvens_mdr": 6,
        "andel_af": 0.58,
    },
    {
        "kode": "uddannelse-15-17",
        "navn": "Andel 15-17-årige i uddannelse",
        "beskrivelse": "Unge, der er i gang med 10. klasse eller en ungdomsuddannelse.",
        "enhed": "%",
        "art": "procent",
        "taeller_definition": "Beboere 15-17 år, der er i gang med en uddannelse",
        "naevner_definition": "Alle beboere 15-17 år",
        "retning": "hoejere",
        "aggregering": "seneste",
        "kilde": "registerdata",
        "min_plausibel": D("0"),
        "max_plausibel": D("100"),
        "frekvens_mdr": 6,
        "andel_af": 0.05,
    },
    {
        "kode": "uddannelse-job-18-29",
        "navn": "Andel 18-29-årige i uddannelse eller beskæftigelse",
        "beskrivelse": "Unge voksne, der er i gang med en uddannelse eller er i arbejde.",
        "enhed": "%",
        "art": "procent",
        "taeller_definition": "Beboere 18-29 år i uddannelse eller beskæftigelse",
        "naevner_definition": "Alle beboere 18-29 år",
        "retning": "hoejere",
        "aggregering": "seneste",
        "kilde": "registerdata",
        "min_plausibel": D("0"),
        "max_plausibel": D("100"),
        "frekvens_mdr": 6,
        "andel_af": 0.19,
    },
    {
        "kode": "dagtilbud-1-5",
        "navn": "Andel 1-5-årige i dagtilbud",
        "beskrivelse": "Børn i vuggestue, dagpleje eller børnehave.",
        "enhed": "%",
        "art": "procent",
        "taeller_definition": "Beboere 1-5 år indskrevet i et dagtilbud",
        "naevner_definition": "Alle beboere 1-5 år",
        "retning": "hoejere",
        "aggregering": "seneste",
        "kilde": "registerdata",
        "min_plausibel": D("0"),
        "max_plausibel": D("100"),
        "frekvens_mdr": 6,
        "andel_af": 0.07,
    },
    {
        "kode": "tryghed",
        "navn": "Andel beboere, der føler sig trygge i boligområdet",
        "beskrivelse": "Andel, der svarer 'meget tryg' eller 'tryg' til spørgsmålet om "
        "tryghed i området om aftenen i den årlige beboerundersøgelse.",
        "enhed": "%",
        "art": "procent",
        "taeller_definition": "Besvarelser 'meget tryg' eller 'tryg'",
        "naevner_definition": "Alle besvarelser i beboerundersøgelsen",
        "retning": "hoejere",
        "aggregering": "seneste",
        "kilde": "survey",
        "min_plausibel": D("0"),
        "max_plausibel": D("100"),
        "frekvens_mdr": 12,
        "andel_af": 0.14,
    },
    {
        "kode": "anmeldelser-pr-1000",
        "navn": "Anmeldte forbrydelser pr. 1.000 beboere",
        "beskrivelse": "Anmeldelser efter straffeloven med gerningssted i boligområdet, pr. år.",
        "enhed": "pr. 1.000 beboere",
        "art": "rate",
        "taeller_definition": "Anmeldte overtrædelser af straffeloven i boligområdet",
        "naevner_definition": "Beboere i boligområdet",
        "retning": "lavere",
        "aggregering": "seneste",
        "kilde": "registerdata",
        "min_plausibel": D("0"),
        "max_plausibel": D("400"),
        "frekvens_mdr": 12,
        "andel_af": 1.0,
    },
    {
        "kode": "fraflytning",
        "navn": "Fraflytningsprocent",
        "beskrivelse": "Fraflytninger i året som andel af boligerne i boligområdet.",
        "enhed": "%",
        "art": "procent",
        "taeller_definition": "Fraflytninger fra boliger i boligområdet i året",
        "naevner_definition": "Boliger i boligområdet",
        "retning": "lavere",
        "aggregering": "seneste",
        "kilde": "registerdata",
        "min_plausibel": D("0"),
        "max_plausibel": D("60"),
        "frekvens_mdr": 12,
        "andel_af": None,  # the denominator is the number of homes
    },
    {
        "kode": "lektiecafe-deltagere",
        "navn": "Deltagere i lektiecafé",
        "beskrivelse": "Summen af registrerede deltagere i lektiecaféen i perioden (fremmøder).",
        "enhed": "deltagere pr. kvartal",
        "art": "antal",
        "taeller_definition": "",
        "naevner_definition": "",
        "retning": "hoejere",
        "aggregering": "sum_pr_periode",
        "kilde": "aktiviteter",
        "min_plausibel": D("0"),
        "max_plausibel": D("2000"),
        "frekvens_mdr": 3,
    },
    {
        "kode": "unge-i-fritidsjob",
        "navn": "Unge i fritids- eller lommepengejob",
        "beskrivelse": "Unge, der er kommet i fritidsjob eller lommepengejob gennem "
        "helhedsplanen, kumuleret siden planens start.",
        "enhed": "unge",
        "art": "antal",
        "taeller_definition": "",
        "naevner_definition": "",
        "retning": "hoejere",
        "aggregering": "kumulativ",
        "kilde": "aktiviteter",
        "min_plausibel": D("0"),
        "max_plausibel": D("1000"),
        "frekvens_mdr": 3,
    },
    {
        "kode": "familier-foraeldrekursus",
        "navn": "Familier, der har gennemført forældrekursus",
        "beskrivelse": "Familier, der har gennemført et forældrekursus (fx De Utrolige "
        "År), som indberettet i statusrapporterne, kumuleret siden planens start.",
        "enhed": "familier",
        "art": "antal",
        "taeller_definition": "",
        "naevner_definition": "",
        "retning": "hoejere",
        "aggregering": "seneste",  # each report states the running total so far
        "kilde": "statusrapporter",
        "min_plausibel": D("0"),
        "max_plausibel": D("500"),
        "frekvens_mdr": 3,
    },
]

# --- Municipalities ---------------------------------------------------------------------

# Forvaltninger: (navn, main fagområde[, further fagområder]) (Forvaltning.Omraade values).
KOMMUNER = {
    "odense": {
        "navn": "Odense Kommune",
        "kommunekode": "461",
        "region": "syddanmark",
        "forvaltninger": [
            ("Børn- og Ungeforvaltningen", "boern_unge"),
            ("Beskæftigelses- og Socialforvaltningen", "beskaeftigelse", ["social"]),
            ("Skole- og Dagtilbudsafdelingen", "skole"),
            ("Sundhedsplejen", "sundhed"),
        ],
    },
    "horsens": {
        "navn": "Horsens Kommune",
        "kommunekode": "615",
        "region": "midtjylland",
        "forvaltninger": [
            ("Børn og Skole", "skole", ["boern_unge"]),
            ("Jobcenter Horsens", "beskaeftigelse"),
            ("Familie og Forebyggelse", "familie"),
            ("Sundhed og Omsorg", "sundhed"),
            ("Kultur og Fritid", "kultur_fritid"),
        ],
    },
    "holbaek": {
        "navn": "Holbæk Kommune",
        "kommunekode": "316",
        "region": "sjaelland",
        "forvaltninger": [
            ("Børn, Unge og Læring", "boern_unge"),
            ("Center for Beskæftigelse", "beskaeftigelse"),
            ("Center for Skole", "skole"),
            ("Center for Social Indsats", "social"),
        ],
    },
}

# Partners: name -> type (Samarbejdspartner.Type).
SAMARBEJDSPARTNERE = {
    "Solbakkeskolen": "skole",
    "Ungdommens Uddannelsesvejledning Odense": "kommunal",
    "Jobcenter Odense": "kommunal",
    "SSP Odense": "kommunal",
    "Sundhedsplejen Odense": "kommunal",
    "Fyns Politi": "politi",
    "Røde Kors Odense": "forening",
    "Bydelsmødre Odense": "forening",
    "Solbakken Butikscenter": "virksomhed",
    "Fynsk Almen Bolig, ejendomskontoret": "bolig",
    "Afdelingsbestyrelsen Solbakken Øst": "bolig",
    "Lærkevangsskolen": "skole",
    "UU Horsens": "kommunal",
    "Jobcenter Horsens": "kommunal",
    "Ungdomsskolen Horsens": "skole",
    "Familie og Forebyggelse, Horsens Kommune": "kommunal",
    "Sundhedsplejen Horsens": "kommunal",
    "Erhvervsnetværket Lærkevangen": "virksomhed",
    "Horsens Bibliotek": "kommunal",
    "Afdelingsbestyrelsen Lærkevangen": "bolig",
    "Lærkevangens Idrætsforening": "forening",
    "UU Holbæk": "kommunal",
    "Jobcenter Holbæk": "kommunal",
    "SSP Holbæk": "kommunal",
    "Sundhedsplejen Holbæk": "kommunal",
    "Midt- og Vestsjællands Politi": "politi",
    "Mågeskolen": "skole",
    "Røde Kors Holbæk": "forening",
    "Natteravnene i Holbæk": "forening",
    "Boligforeningen Isefjord, driften": "bolig",
}

# --- Users -----------------------------------------------------------------------------

DEMO_PASSWORD = "demo1234"  # noqa: S105 - demo only, printed by the command

LBF_USER = {
    "username": "lbf",
    "first_name": "Lise Berg",
    "last_name": "Frandsen",
    "email": "lise.berg.frandsen.lbf@example.org",
}
ADMIN_USER = {
    "username": "admin",
    "first_name": "Demo",
    "last_name": "Administrator",
    "email": "admin.portal@example.org",
}

# Shared logins with their description; the plan logins are added in ``demo/__init__.py``.
STAFF_LOGINS: list[tuple[str, str]] = [
    ("admin", "Superbruger med adgang til Django-admin"),
    ("lbf", "Medarbejder i Landsbyggefonden: ser alle planer, godkender samarbejdsaftaler"),
]
