"""Fictional demo data for ``manage.py seed_demo``: reference data and three 2015-18 plans.

Everything here is invented (areas, people, schools, e-mail domains under ``.example``),
except the public reference data: indsatsområder, funding rounds and the statutory area
criteria (DOMAIN.md §§ 2 and 4). The command in ``management/commands/seed_demo.py``
turns these structures into rows; keep the two in step.

Conventions in the plan specs:
- dates of activities, milestones etc. are month offsets from the plan's start date;
- ``delmaal`` of an activity is ``(area alias, number)``, e.g. ``("ub", 1)``;
- ``maal`` of a delmål are strategic-goal numbers of the same plan;
- a member is ``(person key, rolle, repraesenterer, niveau, organisation)`` where the
  organisation is a forvaltning name (kommune), a boligorganisation name, or free text.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

D = Decimal
date = datetime.date

DEMO_PASSWORD = "demo1234"  # noqa: S105 - demo only, printed by the command

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

_KRITERIER_2018 = {
    "min_antal_kriterier": 2,
    "a_uden_beskaeftigelse_pct": D("40.00"),
    "b_doemte_faktor": D("3.00"),
    "b_doemte_pct": None,
    "c_kun_grundskole_pct": D("60.00"),
    "d_indkomst_pct": D("55.00"),
    "ikke_vestlig_parallelsamfund_pct": D("50.00"),
    "omdannelse_aar": 5,
}
_NO_FOREBYGGELSE = {
    "forebyggelse_ikke_vestlig_pct": None,
    "forebyggelse_a_pct": None,
    "forebyggelse_b_faktor": None,
    "forebyggelse_c_pct": None,
    "forebyggelse_d_pct": None,
}

KRITERIESAET = [
    {
        "navn": "Kriterier 2010-2018 (3 af 5)",
        "gyldig_fra": date(2010, 10, 1),
        "lovgrundlag": "Almenboligloven § 61a, kriterier før 2018: 3 af 5 kriterier, hvor "
        "ikke-vestlig baggrund over 50 % tæller som ét af de fem",
        "min_antal_kriterier": 3,
        "a_uden_beskaeftigelse_pct": D("40.00"),
        "b_doemte_faktor": None,
        "b_doemte_pct": D("2.70"),
        "c_kun_grundskole_pct": D("50.00"),
        "d_indkomst_pct": D("55.00"),
        "ikke_vestlig_parallelsamfund_pct": D("50.00"),
        "omdannelse_aar": None,
        **_NO_FOREBYGGELSE,
    },
    {
        "navn": "Kriterier 2018",
        "gyldig_fra": date(2018, 12, 1),
        "lovgrundlag": "Almenboligloven § 61a (kriterierne fra 2018)",
        **_KRITERIER_2018,
        **_NO_FOREBYGGELSE,
    },
    {
        "navn": "Kriterier 2021 med forebyggelsesområder",
        "gyldig_fra": date(2021, 12, 1),
        "lovgrundlag": "Almenboligloven §§ 61a-61b, jf. L 23 (2021)",
        **_KRITERIER_2018,
        "forebyggelse_ikke_vestlig_pct": D("30.00"),
        "forebyggelse_a_pct": D("30.00"),
        "forebyggelse_b_faktor": D("2.00"),
        "forebyggelse_c_pct": D("60.00"),
        "forebyggelse_d_pct": D("65.00"),
    },
]

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
        "aggregering": "kumulativ",
        "kilde": "statusrapporter",
        "min_plausibel": D("0"),
        "max_plausibel": D("500"),
        "frekvens_mdr": 3,
    },
]

# How a success criterion develops in the demo, as a share of the expected progress.
FORLOEB = {"godt": 1.15, "middel": 0.75, "svagt": 0.1}

# --- Shared text ------------------------------------------------------------------------

BESTYRELSE_KOMMISSORIUM = (
    "Bestyrelsen har det overordnede ansvar for helhedsplanens gennemførelse, herunder "
    "fremdrift og koordinering, og sikrer sammenhængen til kommunens strategier og "
    "kernedrift (jf. regulativets § 6, stk. 6, nr. 2). Bestyrelsen godkender delaftaler, "
    "budget og statusrapporter og mødes {moeder} gange om året. Formandskabet forbereder "
    "møderne sammen med projektlederen."
)
FOELGEGRUPPE_KOMMISSORIUM = (
    "Gruppen følger {hvad} i det daglige, sikrer koordinering mellem de faglige parter og "
    "accepterer sekretariatets statusrapporter, før de sendes til bestyrelsen."
)
FORUM_KOMMISSORIUM = (
    "Rådgivende forum uden beslutningskompetence. Forummet mødes to gange om året, hører "
    "om helhedsplanens fremdrift og giver input til bestyrelsen."
)

STATUS_AFSLUTNING = {
    "tryghed-og-trivsel": "Samarbejdet med afdelingsbestyrelserne om fællesaktiviteterne "
    "fungerer godt, og flere nye beboere er blevet frivillige.",
    "kriminalpraeventiv-indsats": "Gadeplansarbejdet koordineres løbende med SSP og politiet, "
    "og der er ikke registreret større uroligheder i perioden.",
    "uddannelse-og-beskaeftigelse": "Samarbejdet med jobcentret og uddannelsesvejledningen er "
    "velfungerende, og flere unge er henvist til vejledning i boligområdet.",
    "forebyggelse-og-foraeldreansvar": "Sundhedsplejen og familieafdelingen henviser fortsat "
    "familier til forældrekurserne, og ventelisten er kort.",
}

# --- Municipalities ---------------------------------------------------------------------

KOMMUNER = {
    "odense": {
        "navn": "Odense Kommune",
        "kommunekode": "461",
        "region": "syddanmark",
        "forvaltninger": [
            ("Børn- og Ungeforvaltningen", "boern_unge"),
            ("Beskæftigelses- og Socialforvaltningen", "beskaeftigelse"),
            ("Skole- og Dagtilbudsafdelingen", "skole"),
            ("Sundhedsplejen", "sundhed"),
        ],
    },
    "horsens": {
        "navn": "Horsens Kommune",
        "kommunekode": "615",
        "region": "midtjylland",
        "forvaltninger": [
            ("Børn og Skole", "skole"),
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

# --- The three plans --------------------------------------------------------------------

SOLBAKKEN = {
    "key": "solbakken",
    "navn": "Helhedsplan Solbakken 2019-2022",
    "omraade": "Solbakken",
    "kommune": "odense",
    "antal_beboere": 2140,
    "boligorganisationer": ["Fynsk Almen Bolig", "Boligselskabet Sydhavnen"],
    "afdelinger": [
        ("Fynsk Almen Bolig", "41", "Solbakken Øst", 540),
        ("Boligselskabet Sydhavnen", "7", "Solbakkehusene", 380),
    ],
    "start": date(2019, 1, 1),
    "slut": date(2022, 12, 31),
    "lbf_sagsnummer": "LBF-2018-0412",
    "sted": "Beboerhuset Solbakken, Solbakken 12",
    # year -> total budget (LBF 75 %, kommune and boligorganisation 12.5 % each), fond
    "budget": {
        2019: (3_760_000, 0),
        2020: (4_080_000, 0),
        2021: (4_080_000, 0),
        2022: (3_840_000, 0),
    },
    "problemkompleks": (
        "Solbakken ligger i den sydlige del af Odense og består af 920 almene boliger i to "
        "afdelinger med ca. 2.140 beboere. Området har siden 2017 stået på listen over "
        "udsatte boligområder. 42 % af de 18-64-årige står uden for arbejdsmarked og "
        "uddannelse (Odense i alt: 19 %), og kun 78 % af de 15-17-årige er i gang med en "
        "uddannelse. Andelen af dømte beboere er 3,2 gange landsgennemsnittet, der "
        "anmeldes 84 forbrydelser pr. 1.000 beboere om året, og i tryghedsmålingen 2018 "
        "svarede kun 68 % af beboerne, at de føler sig trygge i området om aftenen. Hver "
        "fjerde familie er en enlig forsørger, og mange børn begynder i skole uden et "
        "alderssvarende sprog. Problemerne hænger sammen: svag tilknytning til uddannelse "
        "og arbejde, pressede forældre og en gruppe unge i kriminalitetstruede miljøer "
        "forstærker hinanden og giver området et dårligt omdømme."
    ),
    "strategiske_maal": [
        {
            "nummer": 1,
            "titel": "Flere unge gennemfører en ungdomsuddannelse",
            "problem": "Kun 78 % af de 15-17-årige og 61 % af de 18-29-årige er i uddannelse eller job.",
            "maalgruppe": "Unge 15-29 år",
            "kommunalt_maal": "Odense Kommunes Børne- og Ungepolitik 2018-2022",
            "omraade": "ub",
            "succeskriterier": [
                (
                    "Andelen af 15-17-årige i uddannelse stiger fra 78 % til 88 %",
                    "uddannelse-15-17",
                    "78.4",
                    "88.0",
                    "godt",
                ),
                (
                    "Andelen af 18-29-årige i uddannelse eller job stiger til 70 %",
                    "uddannelse-job-18-29",
                    "61.2",
                    "70.0",
                    "middel",
                ),
            ],
        },
        {
            "nummer": 2,
            "titel": "Flere voksne kommer i job",
            "problem": "42 % af de 18-64-årige står uden for arbejdsmarked og uddannelse.",
            "maalgruppe": "Voksne 18-64 år på offentlig forsørgelse",
            "kommunalt_maal": "Odense Kommunes Beskæftigelsesplan 2019",
            "omraade": "ub",
            "succeskriterier": [
                (
                    "Andelen uden for arbejdsmarked og uddannelse falder til 37 %",
                    "uden-arbejde-uddannelse-18-64",
                    "42.3",
                    "37.0",
                    "middel",
                ),
            ],
        },
        {
            "nummer": 3,
            "titel": "Børn får en god start på livet",
            "problem": "Mange børn begynder i skole uden alderssvarende sprog, og mange "
            "forældre er pressede.",
            "maalgruppe": "Familier med børn 0-5 år",
            "kommunalt_maal": "Odense Kommunes Børne- og Ungepolitik 2018-2022",
            "omraade": "ff",
            "succeskriterier": [
                (
                    "60 familier gennemfører et forældrekursus i løbet af planen",
                    "familier-foraeldrekursus",
                    "0",
                    "60",
                    "godt",
                ),
                (
                    "Andelen af 1-5-årige i dagtilbud stiger til 85 %",
                    "dagtilbud-1-5",
                    "76.0",
                    "85.0",
                    "godt",
                ),
            ],
        },
        {
            "nummer": 4,
            "titel": "Beboerne føler sig trygge i Solbakken",
            "problem": "Kun 68 % af beboerne føler sig trygge om aftenen.",
            "maalgruppe": "Alle beboere",
            "kommunalt_maal": "Odense Kommunes Tryghedsstrategi",
            "omraade": "tt",
            "succeskriterier": [
                (
                    "Andelen, der føler sig trygge, stiger til 78 %",
                    "tryghed",
                    "68.0",
                    "78.0",
                    "godt",
                ),
            ],
        },
        {
            "nummer": 5,
            "titel": "Færre unge involveres i kriminalitet",
            "problem": "Andelen af dømte er 3,2 gange landsgennemsnittet, og der anmeldes "
            "84 forbrydelser pr. 1.000 beboere.",
            "maalgruppe": "Unge 13-17 år",
            "kommunalt_maal": "SSP-samarbejdets handleplan for Odense",
            "omraade": "kp",
            "succeskriterier": [
                (
                    "Anmeldte forbrydelser falder til 70 pr. 1.000 beboere",
                    "anmeldelser-pr-1000",
                    "84.0",
                    "70.0",
                    "middel",
                ),
                (
                    "100 unge kommer i fritids- eller lommepengejob i løbet af planen",
                    "unge-i-fritidsjob",
                    "0",
                    "100",
                    "godt",
                ),
            ],
        },
    ],
    "delaftaler": [
        {
            "omraade": "ub",
            "formaal": "At flere unge gennemfører en ungdomsuddannelse, og at flere voksne "
            "kommer tættere på arbejdsmarkedet, gennem vejledning og jobrettede tilbud "
            "tæt på beboerne og i samarbejde med jobcentret og uddannelsesvejledningen.",
            "delmaal": [
                {
                    "titel": "Flere unge påbegynder og fastholdes i en ungdomsuddannelse",
                    "maal": [1],
                    "status": "opnaaet",
                    "milepaele": [
                        (6, "Fast vejledningstid i beboerhuset etableret", True),
                        (24, "100 unge har fået individuel vejledning", True),
                    ],
                },
                {
                    "titel": "Ledige voksne kommer tættere på arbejdsmarkedet",
                    "maal": [2],
                    "status": "forsinket",
                    "milepaele": [
                        (3, "Jobcafé åbnet i samarbejde med Jobcenter Odense", True),
                        (18, "Mentorordning i gang med 20 deltagere", True),
                        (36, "50 beboere har fået job eller praktik", False),
                    ],
                },
            ],
        },
        {
            "omraade": "ff",
            "formaal": "At styrke forældrene i forældrerollen og give børnene i Solbakken en "
            "god start gennem forældrekurser, netværk og tidlig kontakt til dagtilbud.",
            "delmaal": [
                {
                    "titel": "Forældre styrkes i forældrerollen",
                    "maal": [3],
                    "status": "opnaaet",
                    "milepaele": [
                        (4, "Første hold på De Utrolige År afsluttet", True),
                        (12, "Bydelsmødre uddannet og i gang", True),
                    ],
                },
            ],
        },
        {
            "omraade": "tt",
            "formaal": "At øge trygheden og styrke naboskabet, så flere beboere bliver i "
            "området og tager del i fællesskaberne.",
            "delmaal": [
                {
                    "titel": "Beboerne oplever større tryghed og fællesskab",
                    "maal": [4],
                    "status": "opnaaet",
                    "milepaele": [
                        (6, "Første tryghedsvandring gennemført med politiet", True),
                        (30, "Fast beboerkaffe med 30 deltagere om ugen", True),
                    ],
                },
            ],
        },
        {
            "omraade": "kp",
            "formaal": "At forebygge, at børn og unge involveres i kriminalitet, ved at give "
            "dem positive fritidstilbud og fritidsjob og ved tidlig opsporing.",
            "delmaal": [
                {
                    "titel": "Unge får positive fritidstilbud og fritidsjob",
                    "maal": [5, 1],
                    "status": "opnaaet",
                    "milepaele": [
                        (6, "Samarbejde med 10 lokale virksomheder om fritidsjob", True),
                        (24, "50 unge har haft fritids- eller lommepengejob", True),
                    ],
                },
            ],
        },
    ],
    "personer": [
        (
            "sara",
            "Sara Lund Nielsen",
            "Projektleder, Helhedsplan Solbakken",
            "fynskalmenbolig.example",
        ),
        (
            "ahmad",
            "Ahmad Rahimi",
            "Boligsocial medarbejder, unge og uddannelse",
            "fynskalmenbolig.example",
        ),
        (
            "mette",
            "Mette Kjær Andersen",
            "Boligsocial medarbejder, familier",
            "fynskalmenbolig.example",
        ),
        (
            "jonas",
            "Jonas Vestergaard",
            "Boligsocial medarbejder, tryghed og fællesskab",
            "fynskalmenbolig.example",
        ),
        (
            "henrik",
            "Henrik Møller Jensen",
            "Administrerende direktør, Fynsk Almen Bolig",
            "fynskalmenbolig.example",
        ),
        (
            "annemette",
            "Anne-Mette Kristiansen",
            "Direktør, Boligselskabet Sydhavnen",
            "bs-sydhavnen.example",
        ),
        (
            "peter",
            "Peter Holm Rasmussen",
            "Direktør, Børn- og Ungeforvaltningen",
            "odense-kommune.example",
        ),
        ("lone", "Lone Brandt Sørensen", "Chef for Jobcenter Odense", "odense-kommune.example"),
        ("kasper", "Kasper Thygesen", "Chef for skole og dagtilbud", "odense-kommune.example"),
        ("jesper", "Jesper Mørk", "Politikommissær, Fyns Politi", "politi.example"),
        ("birgitte", "Birgitte Ravn", "Skoleleder, Solbakkeskolen", "odense-kommune.example"),
        ("morten", "Morten Dahl", "Teamleder, Jobcenter Odense", "odense-kommune.example"),
        ("fatima", "Fatima El-Amin", "SSP-konsulent", "odense-kommune.example"),
        (
            "ole",
            "Ole Frandsen",
            "Formand for afdelingsbestyrelsen, Solbakken Øst",
            "beboer-solbakken.example",
        ),
        (
            "hanne",
            "Hanne Poulsen",
            "Formand for afdelingsbestyrelsen, Solbakkehusene",
            "beboer-solbakken.example",
        ),
        ("camilla", "Camilla Friis", "Byrådsmedlem, Odense Byråd", "odense-byraad.example"),
        ("bent", "Bent Kragh", "Byrådsmedlem, Odense Byråd", "odense-byraad.example"),
    ],
    "sekretariat": ["sara", "ahmad", "mette", "jonas"],
    "organer": [
        {
            "navn": "Boligsocial bestyrelse for Solbakken",
            "type": "bestyrelse",
            "moeder_pr_aar": 4,
            "medlemmer": [
                ("henrik", "formand", "boligorganisation", "direktoer", "Fynsk Almen Bolig"),
                ("peter", "naestformand", "kommune", "direktoer", "Børn- og Ungeforvaltningen"),
                (
                    "annemette",
                    "medlem",
                    "boligorganisation",
                    "direktoer",
                    "Boligselskabet Sydhavnen",
                ),
                ("lone", "medlem", "kommune", "chef", "Beskæftigelses- og Socialforvaltningen"),
                ("kasper", "medlem", "kommune", "chef", "Skole- og Dagtilbudsafdelingen"),
                ("jesper", "medlem", "politi", "chef", "Fyns Politi"),
                ("sara", "projektleder", "sekretariat", "leder", ""),
            ],
        },
        {
            "navn": "Samlet følgegruppe",
            "type": "foelgegruppe",
            "rapporterer_til": "bestyrelse",
            "daekker": "alle",
            "moeder_pr_aar": 2,
            "hvad": "alle helhedsplanens delaftaler",
            "medlemmer": [
                ("birgitte", "formand", "kommune", "leder", "Skole- og Dagtilbudsafdelingen"),
                ("morten", "medlem", "kommune", "leder", "Beskæftigelses- og Socialforvaltningen"),
                ("fatima", "medlem", "kommune", "medarbejder", "Børn- og Ungeforvaltningen"),
                (
                    "ole",
                    "medlem",
                    "beboerdemokrati",
                    "beboer",
                    "Afdelingsbestyrelsen Solbakken Øst",
                ),
                ("jonas", "sekretaer", "sekretariat", "medarbejder", ""),
            ],
        },
        {
            "navn": "Boligsocialt Forum",
            "type": "politisk_forum",
            "rapporterer_til": None,
            "moeder_pr_aar": 2,
            "medlemmer": [
                ("camilla", "formand", "politiker", "politiker", "Odense Byråd"),
                ("bent", "medlem", "politiker", "politiker", "Odense Byråd"),
                (
                    "ole",
                    "medlem",
                    "beboerdemokrati",
                    "beboer",
                    "Afdelingsbestyrelsen Solbakken Øst",
                ),
                (
                    "hanne",
                    "medlem",
                    "beboerdemokrati",
                    "beboer",
                    "Afdelingsbestyrelsen Solbakkehusene",
                ),
            ],
        },
    ],
    "aktiviteter": [
        {
            "navn": "Lektiecafé i beboerhuset",
            "delmaal": ("ub", 1),
            "beskrivelse": "Lektiehjælp to eftermiddage om ugen med frivillige fra Røde Kors "
            "og lærere fra Solbakkeskolen.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Solbakkeskolen", "Røde Kors Odense"],
            "ansvarlig": "ahmad",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (8, 14), U1317: (4, 9)},
            "timer": (2, 3),
        },
        {
            "navn": "Uddannelsesvejledning i boligområdet",
            "delmaal": ("ub", 1),
            "beskrivelse": "Fast åben vejledning i beboerhuset med en vejleder fra UU og en "
            "boligsocial medarbejder.",
            "maalgrupper": [U1317, U1829],
            "partnere": ["Ungdommens Uddannelsesvejledning Odense"],
            "ansvarlig": "ahmad",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (3, 8), U1829: (2, 6)},
            "timer": (3, 4),
        },
        {
            "navn": "Fritidsjobformidling",
            "delmaal": ("kp", 1),
            "beskrivelse": "Formidling af fritidsjob i lokale butikker og virksomheder; "
            "deltagere er unge, der er startet i job.",
            "maalgrupper": [U1317],
            "partnere": ["Solbakken Butikscenter", "Jobcenter Odense"],
            "ansvarlig": "ahmad",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (1, 2)},
            "timer": (4, 8),
            "n": 2,
            "indikator": "unge-i-fritidsjob",
        },
        {
            "navn": "Lommepengejob",
            "delmaal": ("kp", 1),
            "beskrivelse": "Korte job for 13-15-årige med at holde udearealerne i samarbejde "
            "med ejendomskontoret; deltagere er unge, der er startet.",
            "maalgrupper": [U1317],
            "partnere": ["Fynsk Almen Bolig, ejendomskontoret"],
            "ansvarlig": "jonas",
            "start": 2,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (1, 2)},
            "timer": (3, 6),
            "n": 2,
            "indikator": "unge-i-fritidsjob",
        },
        {
            "navn": "Gadeplansmedarbejdere",
            "delmaal": ("kp", 1),
            "beskrivelse": "Opsøgende arbejde aften og weekend i samarbejde med SSP og politiet.",
            "maalgrupper": [U1317, U1829],
            "partnere": ["SSP Odense", "Fyns Politi"],
            "ansvarlig": "jonas",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (6, 15), U1829: (3, 8)},
            "timer": (4, 6),
        },
        {
            "navn": "Jobcafé",
            "delmaal": ("ub", 2),
            "beskrivelse": "Ugentlig jobcafé med hjælp til CV, ansøgninger og kontakt til virksomheder.",
            "maalgrupper": [U1829, V3064],
            "partnere": ["Jobcenter Odense"],
            "ansvarlig": "ahmad",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1829: (3, 7), V3064: (5, 11)},
            "timer": (3, 3),
        },
        {
            "navn": "Mentorordning for unge ledige",
            "delmaal": ("ub", 2),
            "beskrivelse": "Frivillige mentorer fra lokale virksomheder støtter unge ledige "
            "over et halvt år.",
            "maalgrupper": [U1829],
            "partnere": ["Jobcenter Odense", "Solbakken Butikscenter"],
            "ansvarlig": "ahmad",
            "start": 6,
            "slut": 42,
            "status": "afsluttet",
            "deltagere": {U1829: (4, 9)},
            "timer": (2, 4),
        },
        {
            "navn": "Forældrekursus (De Utrolige År)",
            "delmaal": ("ff", 1),
            "beskrivelse": "Forældrekursus over 14 gange for forældre til børn i alderen 3-8 "
            "år, med børnepasning.",
            "maalgrupper": [FOR],
            "partnere": ["Sundhedsplejen Odense"],
            "ansvarlig": "mette",
            "start": 2,
            "slut": 46,
            "status": "afsluttet",
            "deltagere": {FOR: (6, 12)},
            "timer": (2.5, 2.5),
        },
        {
            "navn": "Bydelsmødre",
            "delmaal": ("ff", 1),
            "beskrivelse": "Uddannede bydelsmødre tager kontakt til isolerede mødre og viser "
            "vej til kommunens tilbud.",
            "maalgrupper": [FOR, V3064],
            "partnere": ["Bydelsmødre Odense"],
            "ansvarlig": "mette",
            "start": 6,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {FOR: (5, 12), V3064: (2, 6)},
            "timer": (2, 3),
        },
        {
            "navn": "Åben legestue med sundhedsplejerske",
            "delmaal": ("ff", 1),
            "beskrivelse": "Ugentlig legestue for småbørnsfamilier med deltagelse af sundhedsplejen.",
            "maalgrupper": [B05, FOR],
            "partnere": ["Sundhedsplejen Odense"],
            "ansvarlig": "mette",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B05: (6, 14), FOR: (5, 11)},
            "timer": (2, 2),
        },
        {
            "navn": "Tryghedsvandringer",
            "delmaal": ("tt", 1),
            "beskrivelse": "Beboere, politi og ejendomskontor går området igennem og aftaler forbedringer.",
            "maalgrupper": [V3064, AE65],
            "partnere": ["Fyns Politi", "Fynsk Almen Bolig, ejendomskontoret"],
            "ansvarlig": "jonas",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {V3064: (6, 12), AE65: (2, 6)},
            "timer": (2, 2),
            "n": 2,
        },
        {
            "navn": "Beboerkaffe og fællesspisning",
            "delmaal": ("tt", 1),
            "beskrivelse": "Ugentlig beboerkaffe og månedlig fællesspisning arrangeret med "
            "afdelingsbestyrelsen.",
            "maalgrupper": [V3064, AE65, FOR],
            "partnere": ["Afdelingsbestyrelsen Solbakken Øst"],
            "ansvarlig": "jonas",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {V3064: (10, 20), AE65: (5, 12), FOR: (3, 8)},
            "timer": (3, 4),
        },
        {
            "navn": "Sommeraktiviteter",
            "delmaal": ("tt", 1),
            "beskrivelse": "Udflugter og aktiviteter i skolernes sommerferie for børn og unge, "
            "der ikke kommer på ferie.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Røde Kors Odense"],
            "ansvarlig": "jonas",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (15, 35), U1317: (8, 20)},
            "timer": (6, 8),
            "kun_maaneder": [7, 8],
        },
    ],
    "brugere": {"projektleder": "sara", "bestyrelse": "lone"},
    # (year, A %, B × national, C %, D %, non-Western %, category)
    "omraadestatus": [
        (2019, "42.1", "3.20", "48.0", "52.0", "46.0", "udsat"),
        (2020, "41.0", "3.05", "47.2", "53.5", "45.1", "udsat"),
        (2021, "38.5", "2.60", "46.3", "56.0", "44.2", "forebyggelse"),
        (2022, "36.9", "2.30", "45.1", "57.2", "43.5", "forebyggelse"),
        (2023, "35.2", "2.10", "44.0", "58.0", "43.0", "forebyggelse"),
    ],
}

LAERKEVANGEN = {
    "key": "laerkevangen",
    "navn": "Helhedsplan Lærkevangen 2018-2022",
    "omraade": "Lærkevangen",
    "kommune": "horsens",
    "antal_beboere": 1480,
    "boligorganisationer": ["Horsens Almene Boliger"],
    "afdelinger": [
        ("Horsens Almene Boliger", "12", "Lærkevangen I", 410),
        ("Horsens Almene Boliger", "13", "Lærkevangen II", 240),
    ],
    "start": date(2018, 7, 1),
    "slut": date(2022, 6, 30),
    "lbf_sagsnummer": "LBF-2017-0788",
    "sted": "Fælleshuset i Lærkevangen",
    "budget": {
        2018: (1_840_000, 0),
        2019: (3_680_000, 0),
        2020: (3_680_000, 0),
        2021: (3_600_000, 0),
        2022: (1_760_000, 0),
    },
    "problemkompleks": (
        "Lærkevangen i den vestlige del af Horsens har 650 almene boliger i to afdelinger "
        "og ca. 1.480 beboere, heraf mange børnefamilier med lav indkomst. 36 % af de "
        "18-64-årige står uden for arbejdsmarked og uddannelse, og den gennemsnitlige "
        "bruttoindkomst er 58 % af regionens. Kun 74 % af de 15-17-årige er i "
        "uddannelse, og elevernes karakterer i 9. klasse ligger under kommunens "
        "gennemsnit. Fraflytningsprocenten var 17 % i 2017 mod 11 % i kommunens øvrige "
        "almene boliger, og 64 % af beboerne svarer, at de føler sig trygge. Få børn og "
        "unge deltager i foreningslivet, og mange forældre har et begrænset netværk. Den "
        "høje udskiftning svækker naboskabet og gør det svært at fastholde de ressourcestærke "
        "beboere."
    ),
    "strategiske_maal": [
        {
            "nummer": 1,
            "titel": "Flere børn og unge klarer sig godt i skolen og kommer i uddannelse",
            "problem": "Kun 74 % af de 15-17-årige er i uddannelse, og karaktererne i 9. klasse er lave.",
            "maalgruppe": "Børn og unge 6-17 år",
            "kommunalt_maal": "Horsens Kommunes Børne- og Ungepolitik",
            "omraade": "ub",
            "succeskriterier": [
                (
                    "Andelen af 15-17-årige i uddannelse stiger fra 74 % til 85 %",
                    "uddannelse-15-17",
                    "74.0",
                    "85.0",
                    "godt",
                ),
                (
                    "Lektiecaféen har mindst 80 fremmøder pr. kvartal",
                    "lektiecafe-deltagere",
                    "45",
                    "80",
                    "godt",
                ),
            ],
        },
        {
            "nummer": 2,
            "titel": "Flere beboere kommer i job",
            "problem": "36 % af de 18-64-årige står uden for arbejdsmarked og uddannelse.",
            "maalgruppe": "Voksne 18-64 år",
            "kommunalt_maal": "Horsens Kommunes Beskæftigelsesplan",
            "omraade": "ub",
            "succeskriterier": [
                (
                    "Andelen uden for arbejdsmarked og uddannelse falder til 31 %",
                    "uden-arbejde-uddannelse-18-64",
                    "36.2",
                    "31.0",
                    "svagt",
                ),
            ],
        },
        {
            "nummer": 3,
            "titel": "Stærke familier og trivsel for de mindste",
            "problem": "Mange forældre har et begrænset netværk og lidt kendskab til kommunens tilbud.",
            "maalgruppe": "Familier med børn 0-12 år",
            "kommunalt_maal": "Horsens Kommunes Sammenhængende Børnepolitik",
            "omraade": "ff",
            "succeskriterier": [
                (
                    "45 familier gennemfører et forældrekursus i løbet af planen",
                    "familier-foraeldrekursus",
                    "0",
                    "45",
                    "middel",
                ),
            ],
        },
        {
            "nummer": 4,
            "titel": "Tryghed og stabilt naboskab",
            "problem": "Høj fraflytning (17 %) og lav tryghed (64 %) svækker naboskabet.",
            "maalgruppe": "Alle beboere",
            "kommunalt_maal": "Horsens Kommunes Boligsociale Strategi",
            "omraade": "tt",
            "succeskriterier": [
                (
                    "Andelen, der føler sig trygge, stiger til 75 %",
                    "tryghed",
                    "64.0",
                    "75.0",
                    "godt",
                ),
                ("Fraflytningsprocenten falder til 12 %", "fraflytning", "17.0", "12.0", "middel"),
            ],
        },
    ],
    "delaftaler": [
        {
            "omraade": "tt",
            "formaal": "At styrke naboskabet og trygheden i Lærkevangen, så flere beboere "
            "bliver boende og deltager i fællesskaberne.",
            "delmaal": [
                {
                    "titel": "Flere beboere deltager i fællesskaber og frivilligt arbejde",
                    "maal": [4],
                    "status": "opnaaet",
                    "milepaele": [
                        (3, "Beboerkaffe startet i fælleshuset", True),
                        (12, "Frivilliggruppe med 15 aktive beboere", True),
                        (30, "Årlig sommerfest planlagt af beboerne selv", True),
                    ],
                },
            ],
        },
        {
            "omraade": "ub",
            "formaal": "At flere børn og unge klarer sig godt i skolen og kommer i "
            "uddannelse, og at flere voksne kommer i job.",
            "delmaal": [
                {
                    "titel": "Lektiehjælp og uddannelsesvejledning til børn og unge",
                    "maal": [1],
                    "status": "opnaaet",
                    "milepaele": [
                        (3, "Lektiecafé åbnet på Lærkevangsskolen", True),
                        (18, "Brobygningsforløb med Ungdomsskolen i gang", True),
                    ],
                },
                {
                    "titel": "Jobrettede forløb for ledige beboere",
                    "maal": [2],
                    "status": "forsinket",
                    "milepaele": [
                        (6, "Jobcafé åbnet", True),
                        (24, "Virksomhedsnetværk med 15 virksomheder", False),
                    ],
                },
            ],
        },
        {
            "omraade": "ff",
            "formaal": "At give småbørnsfamilier i Lærkevangen stærkere netværk og "
            "redskaber i forældrerollen.",
            "delmaal": [
                {
                    "titel": "Forældrekurser og netværk for småbørnsfamilier",
                    "maal": [3],
                    "status": "opnaaet",
                    "milepaele": [
                        (6, "Første hold på De Utrolige År afsluttet", True),
                        (15, "Netværksmødregruppe etableret", True),
                    ],
                },
            ],
        },
    ],
    "personer": [
        (
            "thomas",
            "Thomas Bach Kristensen",
            "Projektleder, Helhedsplan Lærkevangen",
            "horsensalmene.example",
        ),
        (
            "nadia",
            "Nadia Hussein",
            "Boligsocial medarbejder, familie og forebyggelse",
            "horsensalmene.example",
        ),
        (
            "rasmus",
            "Rasmus Krogh",
            "Boligsocial medarbejder, job og uddannelse",
            "horsensalmene.example",
        ),
        (
            "line",
            "Line Skov Pedersen",
            "Boligsocial medarbejder, fællesskab og trivsel",
            "horsensalmene.example",
        ),
        (
            "jenserik",
            "Jens Erik Lauridsen",
            "Administrerende direktør, Horsens Almene Boliger",
            "horsensalmene.example",
        ),
        ("marianne", "Marianne Due", "Direktør for Børn og Skole", "horsens-kommune.example"),
        ("klaus", "Klaus Winther", "Jobcenterchef", "horsens-kommune.example"),
        (
            "susanne",
            "Susanne Bjerre",
            "Chef for Familie og Forebyggelse",
            "horsens-kommune.example",
        ),
        ("karin", "Karin Lykke", "Sundhedschef", "horsens-kommune.example"),
        ("michael", "Michael Skytte", "Politikommissær, Sydøstjyllands Politi", "politi.example"),
        ("pia", "Pia Holm", "Leder af fritids- og kulturcentret", "horsens-kommune.example"),
        ("anders", "Anders Broe", "Nærpolitibetjent, Sydøstjyllands Politi", "politi.example"),
        ("hans", "Hans Thorup", "Afdelingsleder, Jobcenter Horsens", "horsens-kommune.example"),
        ("gitte", "Gitte Vinther", "Uddannelsesvejleder, UU Horsens", "horsens-kommune.example"),
        ("mads", "Mads Eriksen", "Skoleleder, Lærkevangsskolen", "horsens-kommune.example"),
        (
            "helle",
            "Helle Kruse",
            "Afdelingsleder, Familie og Forebyggelse",
            "horsens-kommune.example",
        ),
        ("dorthe", "Dorthe Munk", "Sundhedsplejerske", "horsens-kommune.example"),
        (
            "erik",
            "Erik Nørgaard",
            "Formand for afdelingsbestyrelsen, Lærkevangen",
            "beboer-laerkevangen.example",
        ),
        ("yasmin", "Yasmin Ali", "Bydelsmor og beboer", "beboer-laerkevangen.example"),
        ("sonja", "Sonja Klitgaard", "Beboer, Lærkevangen II", "beboer-laerkevangen.example"),
        ("mohammed", "Mohammed Aziz", "Beboer, Lærkevangen I", "beboer-laerkevangen.example"),
    ],
    "sekretariat": ["thomas", "nadia", "rasmus", "line"],
    "organer": [
        {
            "navn": "Boligsocial bestyrelse for Lærkevangen",
            "type": "bestyrelse",
            "moeder_pr_aar": 3,
            "medlemmer": [
                ("jenserik", "formand", "boligorganisation", "direktoer", "Horsens Almene Boliger"),
                ("marianne", "naestformand", "kommune", "direktoer", "Børn og Skole"),
                ("klaus", "medlem", "kommune", "chef", "Jobcenter Horsens"),
                ("susanne", "medlem", "kommune", "chef", "Familie og Forebyggelse"),
                ("karin", "medlem", "kommune", "chef", "Sundhed og Omsorg"),
                ("michael", "medlem", "politi", "chef", "Sydøstjyllands Politi"),
                ("thomas", "projektleder", "sekretariat", "leder", ""),
            ],
        },
        {
            "navn": "Følgegruppe for tryghed og trivsel",
            "type": "foelgegruppe",
            "rapporterer_til": "bestyrelse",
            "daekker": ["tt"],
            "moeder_pr_aar": 2,
            "hvad": "delaftalen for tryghed og trivsel",
            "medlemmer": [
                ("pia", "formand", "kommune", "leder", "Kultur og Fritid"),
                ("anders", "medlem", "politi", "medarbejder", "Sydøstjyllands Politi"),
                ("erik", "medlem", "beboerdemokrati", "beboer", "Afdelingsbestyrelsen Lærkevangen"),
                ("line", "sekretaer", "sekretariat", "medarbejder", ""),
            ],
        },
        {
            "navn": "Styregruppe for uddannelse og beskæftigelse",
            "type": "styregruppe",
            "rapporterer_til": "bestyrelse",
            "daekker": ["ub"],
            "moeder_pr_aar": 2,
            "hvad": "delaftalen for uddannelse og beskæftigelse",
            "medlemmer": [
                ("hans", "formand", "kommune", "leder", "Jobcenter Horsens"),
                ("mads", "medlem", "kommune", "leder", "Børn og Skole"),
                ("gitte", "medlem", "kommune", "medarbejder", "Børn og Skole"),
                ("rasmus", "sekretaer", "sekretariat", "medarbejder", ""),
            ],
        },
        {
            "navn": "Følgegruppe for forebyggelse og forældreansvar",
            "type": "foelgegruppe",
            "rapporterer_til": "bestyrelse",
            "daekker": ["ff"],
            "moeder_pr_aar": 2,
            "hvad": "delaftalen for forebyggelse og forældreansvar",
            "medlemmer": [
                ("helle", "formand", "kommune", "leder", "Familie og Forebyggelse"),
                ("dorthe", "medlem", "kommune", "medarbejder", "Sundhed og Omsorg"),
                ("yasmin", "medlem", "beboerdemokrati", "beboer", "Bydelsmødre i Lærkevangen"),
                ("nadia", "sekretaer", "sekretariat", "medarbejder", ""),
            ],
        },
        {
            "navn": "Beboerforum Lærkevangen",
            "type": "beboerforum",
            "rapporterer_til": None,
            "moeder_pr_aar": 2,
            "medlemmer": [
                (
                    "erik",
                    "formand",
                    "beboerdemokrati",
                    "beboer",
                    "Afdelingsbestyrelsen Lærkevangen",
                ),
                (
                    "sonja",
                    "medlem",
                    "beboerdemokrati",
                    "beboer",
                    "Afdelingsbestyrelsen Lærkevangen",
                ),
                (
                    "mohammed",
                    "medlem",
                    "beboerdemokrati",
                    "beboer",
                    "Afdelingsbestyrelsen Lærkevangen",
                ),
                ("yasmin", "medlem", "beboerdemokrati", "beboer", "Bydelsmødre i Lærkevangen"),
            ],
        },
    ],
    "aktiviteter": [
        {
            "navn": "Lektiecafé på Lærkevangsskolen",
            "delmaal": ("ub", 1),
            "beskrivelse": "Lektiehjælp tre eftermiddage om ugen på skolens bibliotek med "
            "frivillige og en boligsocial medarbejder.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Lærkevangsskolen", "Horsens Bibliotek"],
            "ansvarlig": "rasmus",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (9, 13), U1317: (5, 8)},
            "timer": (2, 3),
            "n": 3,
            "vaekst": 0.5,
            "indikator": "lektiecafe-deltagere",
        },
        {
            "navn": "Uddannelsesvejledning i boligområdet",
            "delmaal": ("ub", 1),
            "beskrivelse": "Åben vejledning i fælleshuset med en vejleder fra UU Horsens.",
            "maalgrupper": [U1317, U1829],
            "partnere": ["UU Horsens"],
            "ansvarlig": "rasmus",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (3, 7), U1829: (2, 5)},
            "timer": (3, 3),
        },
        {
            "navn": "Brobygning til ungdomsuddannelse",
            "delmaal": ("ub", 1),
            "beskrivelse": "Forløb for 8.-9.-klasseelever med besøg på ungdomsuddannelser og værkstedsdage.",
            "maalgrupper": [U1317],
            "partnere": ["Ungdomsskolen Horsens", "UU Horsens"],
            "ansvarlig": "rasmus",
            "start": 6,
            "slut": 42,
            "status": "afsluttet",
            "deltagere": {U1317: (8, 16)},
            "timer": (5, 6),
            "n": 2,
        },
        {
            "navn": "Jobcafé",
            "delmaal": ("ub", 2),
            "beskrivelse": "Ugentlig jobcafé med hjælp til jobsøgning og kontakt til virksomheder.",
            "maalgrupper": [U1829, V3064],
            "partnere": ["Jobcenter Horsens"],
            "ansvarlig": "rasmus",
            "start": 6,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1829: (2, 6), V3064: (4, 10)},
            "timer": (3, 3),
        },
        {
            "navn": "Virksomhedsnetværk og praktikpladser",
            "delmaal": ("ub", 2),
            "beskrivelse": "Netværksmøder med lokale virksomheder om praktik og job til beboere.",
            "maalgrupper": [U1829, V3064],
            "partnere": ["Erhvervsnetværket Lærkevangen", "Jobcenter Horsens"],
            "ansvarlig": "rasmus",
            "start": 9,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1829: (1, 4), V3064: (2, 5)},
            "timer": (2, 3),
            "n": 2,
        },
        {
            "navn": "Forældrekursus (De Utrolige År)",
            "delmaal": ("ff", 1),
            "beskrivelse": "Forældrekursus over 14 gange med børnepasning og tolk efter behov.",
            "maalgrupper": [FOR],
            "partnere": ["Familie og Forebyggelse, Horsens Kommune"],
            "ansvarlig": "nadia",
            "start": 3,
            "slut": 45,
            "status": "afsluttet",
            "deltagere": {FOR: (6, 11)},
            "timer": (2.5, 2.5),
        },
        {
            "navn": "Netværksmødre",
            "delmaal": ("ff", 1),
            "beskrivelse": "Mødregrupper, hvor mødre med små børn mødes og deler erfaringer, "
            "med faglige oplæg.",
            "maalgrupper": [FOR, B05],
            "partnere": ["Sundhedsplejen Horsens"],
            "ansvarlig": "nadia",
            "start": 6,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {FOR: (5, 10), B05: (4, 10)},
            "timer": (2, 2),
        },
        {
            "navn": "Åben familierådgivning",
            "delmaal": ("ff", 1),
            "beskrivelse": "Anonym rådgivning i fælleshuset hver anden uge ved en "
            "familierådgiver fra kommunen.",
            "maalgrupper": [FOR],
            "partnere": ["Familie og Forebyggelse, Horsens Kommune"],
            "ansvarlig": "nadia",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {FOR: (2, 6)},
            "timer": (3, 3),
        },
        {
            "navn": "Beboerkaffe",
            "delmaal": ("tt", 1),
            "beskrivelse": "Ugentlig beboerkaffe drevet af frivillige beboere.",
            "maalgrupper": [V3064, AE65],
            "partnere": ["Afdelingsbestyrelsen Lærkevangen"],
            "ansvarlig": "line",
            "start": 1,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {V3064: (8, 16), AE65: (5, 10)},
            "timer": (2, 3),
        },
        {
            "navn": "Fællesspisning og kulturaftener",
            "delmaal": ("tt", 1),
            "beskrivelse": "Månedlig fællesspisning, hvor beboerne skiftes til at lave mad "
            "fra deres egne køkkener.",
            "maalgrupper": [FOR, V3064, AE65, B612],
            "partnere": ["Afdelingsbestyrelsen Lærkevangen"],
            "ansvarlig": "line",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {FOR: (6, 14), V3064: (8, 15), AE65: (3, 8), B612: (6, 15)},
            "timer": (4, 5),
            "n": 2,
        },
        {
            "navn": "Idræt og bevægelse for børn",
            "delmaal": ("tt", 1),
            "beskrivelse": "Ugentlig idræt i skolens hal med trænere fra den lokale idrætsforening.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Lærkevangens Idrætsforening"],
            "ansvarlig": "line",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (10, 20), U1317: (4, 10)},
            "timer": (1.5, 2),
        },
        {
            "navn": "Sommeraktiviteter",
            "delmaal": ("tt", 1),
            "beskrivelse": "Ugeprogram i sommerferien med udflugter, sport og kreative værksteder.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Lærkevangens Idrætsforening"],
            "ansvarlig": "line",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (15, 30), U1317: (6, 15)},
            "timer": (6, 8),
            "kun_maaneder": [7, 8],
        },
    ],
    "brugere": {"projektleder": "thomas", "bestyrelse": "klaus"},
    "omraadestatus": [
        (2019, "36.0", "2.40", "41.0", "58.0", "38.0", "ingen"),
        (2020, "35.1", "2.20", "40.2", "58.5", "37.6", "ingen"),
        (2021, "34.0", "2.10", "39.5", "59.3", "37.0", "forebyggelse"),
        (2022, "32.8", "1.90", "38.8", "60.1", "36.4", "forebyggelse"),
        (2023, "31.5", "1.80", "38.0", "61.0", "36.0", "forebyggelse"),
    ],
}

MAAGEPARKEN = {
    "key": "maageparken",
    "navn": "Helhedsplan Mågeparken 2019-2023",
    "omraade": "Mågeparken",
    "kommune": "holbaek",
    "antal_beboere": 2950,
    "boligorganisationer": ["Boligforeningen Isefjord", "Holbæk Almennyttige Boligselskab"],
    "afdelinger": [
        ("Boligforeningen Isefjord", "3", "Mågeparken Nord", 620),
        ("Holbæk Almennyttige Boligselskab", "21", "Mågeparken Syd", 480),
        ("Holbæk Almennyttige Boligselskab", "22", "Mågeparkens Rækkehuse", 150),
    ],
    "start": date(2019, 4, 1),
    "slut": date(2023, 3, 31),
    "lbf_sagsnummer": "LBF-2018-0951",
    "sted": "Mågeparkens Beboerhus",
    "budget": {
        2019: (3_280_000, 0),
        2020: (4_400_000, 150_000),
        2021: (4_400_000, 150_000),
        2022: (4_320_000, 150_000),
        2023: (1_120_000, 0),
    },
    "problemkompleks": (
        "Mågeparken er Holbæks største almene boligområde med 1.250 boliger i tre "
        "afdelinger og ca. 2.950 beboere. Området er på listen over udsatte boligområder: "
        "44 % af de 18-64-årige står uden for arbejdsmarked og uddannelse, 62 % af de "
        "30-59-årige har kun grundskolen som højeste uddannelse, og den gennemsnitlige "
        "bruttoindkomst er 50 % af regionens. Der anmeldes 92 forbrydelser pr. 1.000 "
        "beboere om året, og en lille gruppe unge står bag en stor del af hærværket og "
        "utrygheden. Kun 71 % af de 1-5-årige går i dagtilbud, og fraflytningsprocenten "
        "er 19 %. Området har et dårligt omdømme i byen, hvilket gør det svært at "
        "tiltrække nye beboere i arbejde og forstærker koncentrationen af sociale problemer."
    ),
    "strategiske_maal": [
        {
            "nummer": 1,
            "titel": "Flere unge kommer i uddannelse og job",
            "problem": "Kun 58 % af de 18-29-årige er i uddannelse eller job.",
            "maalgruppe": "Unge 13-29 år",
            "kommunalt_maal": "Holbæk Kommunes Ungestrategi 2019-2023",
            "omraade": "ub",
            "succeskriterier": [
                (
                    "Andelen af 18-29-årige i uddannelse eller job stiger til 68 %",
                    "uddannelse-job-18-29",
                    "58.0",
                    "68.0",
                    "godt",
                ),
                (
                    "120 unge kommer i fritids- eller lommepengejob i løbet af planen",
                    "unge-i-fritidsjob",
                    "0",
                    "120",
                    "middel",
                ),
            ],
        },
        {
            "nummer": 2,
            "titel": "Flere voksne bliver selvforsørgende",
            "problem": "44 % af de 18-64-årige står uden for arbejdsmarked og uddannelse.",
            "maalgruppe": "Voksne 18-64 år",
            "kommunalt_maal": "Holbæk Kommunes Beskæftigelsesplan",
            "omraade": "ub",
            "succeskriterier": [
                (
                    "Andelen uden for arbejdsmarked og uddannelse falder til 38 %",
                    "uden-arbejde-uddannelse-18-64",
                    "44.0",
                    "38.0",
                    "middel",
                ),
            ],
        },
        {
            "nummer": 3,
            "titel": "Børn i Mågeparken er sproglig og socialt parate til skolestart",
            "problem": "Kun 71 % af de 1-5-årige går i dagtilbud, og mange børn har "
            "sproglige vanskeligheder ved skolestart.",
            "maalgruppe": "Børn 0-5 år og deres forældre",
            "kommunalt_maal": "Holbæk Kommunes Dagtilbudspolitik",
            "omraade": "ff",
            "succeskriterier": [
                (
                    "Andelen af 1-5-årige i dagtilbud stiger til 82 %",
                    "dagtilbud-1-5",
                    "71.0",
                    "82.0",
                    "godt",
                ),
                (
                    "70 familier gennemfører et forældrekursus i løbet af planen",
                    "familier-foraeldrekursus",
                    "0",
                    "70",
                    "godt",
                ),
            ],
        },
        {
            "nummer": 4,
            "titel": "Mindre kriminalitet og større tryghed",
            "problem": "92 anmeldte forbrydelser pr. 1.000 beboere, og kun 62 % føler sig trygge.",
            "maalgruppe": "Alle beboere, særligt unge 13-17 år i risiko",
            "kommunalt_maal": "Holbæk Kommunes SSP-strategi",
            "omraade": "kp",
            "succeskriterier": [
                (
                    "Anmeldte forbrydelser falder til 75 pr. 1.000 beboere",
                    "anmeldelser-pr-1000",
                    "92.0",
                    "75.0",
                    "godt",
                ),
                (
                    "Andelen, der føler sig trygge, stiger til 72 %",
                    "tryghed",
                    "62.0",
                    "72.0",
                    "middel",
                ),
            ],
        },
        {
            # Deliberately without delmål: the styringsstreng gap the dashboard shows.
            "nummer": 5,
            "titel": "Et bedre omdømme og et mere stabilt boligområde",
            "problem": "Fraflytningsprocenten er 19 %, og området har et dårligt omdømme.",
            "maalgruppe": "Alle beboere",
            "kommunalt_maal": "Holbæk Kommunes Planstrategi 2019",
            "omraade": "tt",
            "succeskriterier": [
                ("Fraflytningsprocenten falder til 14 %", "fraflytning", "19.0", "14.0", "svagt"),
            ],
        },
    ],
    "delaftaler": [
        {
            "omraade": "ub",
            "formaal": "At flere unge kommer i uddannelse og fritidsjob, og at flere voksne "
            "bliver selvforsørgende, i samarbejde med jobcentret og UU Holbæk.",
            "delmaal": [
                {
                    "titel": "Unge får hjælp til uddannelsesvalg og fritidsjob",
                    "maal": [1],
                    "status": "opnaaet",
                    "milepaele": [
                        (4, "Fritidsjobformidler ansat", True),
                        (24, "60 unge har haft fritids- eller lommepengejob", True),
                    ],
                },
                {
                    "titel": "Ledige beboere får jobrettet støtte i boligområdet",
                    "maal": [2],
                    "status": "paa_sporet",
                    "milepaele": [
                        (6, "Jobcafé åbnet i beboerhuset", True),
                        (12, "Jobmesse i Mågeparken", False),
                    ],
                },
            ],
        },
        {
            "omraade": "ff",
            "formaal": "At småbørnsfamilier bruger dagtilbud, sundhedspleje og "
            "forældrekurser, så børnene er parate til skolestart.",
            "delmaal": [
                {
                    "titel": "Småbørnsfamilier bruger dagtilbud og forældrekurser",
                    "maal": [3],
                    "status": "opnaaet",
                    "milepaele": [
                        (6, "Sprogleg i beboerhuset i gang", True),
                        (18, "Bydelsmødre uddannet", True),
                        (36, "70 familier har gennemført forældrekursus", True),
                    ],
                },
            ],
        },
        {
            "omraade": "kp",
            "formaal": "At forebygge kriminalitet og øge trygheden gennem opsøgende arbejde, "
            "tidlig opsporing af unge i risiko og tryghedsskabende tiltag.",
            "delmaal": [
                {
                    "titel": "Unge i risiko for kriminalitet opspores tidligt",
                    "maal": [4],
                    "status": "opnaaet",
                    "milepaele": [
                        (3, "Gadeplansteam etableret med SSP Holbæk", True),
                        (24, "Fast ugentligt koordinationsmøde med politiet", True),
                    ],
                },
                {
                    "titel": "Trygge udearealer og synlige voksne",
                    "maal": [4],
                    "status": "paa_sporet",
                    "milepaele": [
                        (6, "Natteravne på gaden fredag og lørdag", True),
                        (18, "Tryghedsvandring to gange årligt", True),
                    ],
                },
            ],
        },
    ],
    "personer": [
        ("maria", "Maria Engelbrecht", "Chef for helhedsplanen, Mågeparken", "isefjord.example"),
        ("kenneth", "Kenneth Ibsen", "Boligsocial medarbejder, unge", "isefjord.example"),
        ("aisha", "Aisha Warsame", "Boligsocial medarbejder, familier", "isefjord.example"),
        ("simon", "Simon Lauritsen", "Gadeplansmedarbejder", "isefjord.example"),
        (
            "poulerik",
            "Poul Erik Brandt",
            "Administrerende direktør, Boligforeningen Isefjord",
            "isefjord.example",
        ),
        ("trine", "Trine Mortensen", "Direktør, Holbæk Almennyttige Boligselskab", "hab.example"),
        ("lars", "Lars Bøgh", "Direktør for Børn, Unge og Læring", "holbaek-kommune.example"),
        (
            "charlotte",
            "Charlotte Riis",
            "Chef for Center for Beskæftigelse",
            "holbaek-kommune.example",
        ),
        ("niels", "Niels Hedegaard", "Skolechef", "holbaek-kommune.example"),
        ("anette", "Anette Vang", "Chef for Center for Social Indsats", "holbaek-kommune.example"),
        (
            "frank",
            "Frank Olesen",
            "Lokalpolitileder, Midt- og Vestsjællands Politi",
            "politi.example",
        ),
    ],
    "sekretariat": ["maria", "kenneth", "aisha", "simon"],
    "organer": [
        {
            "navn": "Boligsocial bestyrelse for Mågeparken",
            "type": "bestyrelse",
            "moeder_pr_aar": 3,
            "medlemmer": [
                (
                    "poulerik",
                    "formand",
                    "boligorganisation",
                    "direktoer",
                    "Boligforeningen Isefjord",
                ),
                ("lars", "naestformand", "kommune", "direktoer", "Børn, Unge og Læring"),
                (
                    "trine",
                    "medlem",
                    "boligorganisation",
                    "direktoer",
                    "Holbæk Almennyttige Boligselskab",
                ),
                ("charlotte", "medlem", "kommune", "chef", "Center for Beskæftigelse"),
                ("niels", "medlem", "kommune", "chef", "Center for Skole"),
                ("anette", "medlem", "kommune", "chef", "Center for Social Indsats"),
                ("frank", "medlem", "politi", "chef", "Midt- og Vestsjællands Politi"),
                ("maria", "projektleder", "sekretariat", "leder", ""),
            ],
        },
    ],
    "aktiviteter": [
        {
            "navn": "Fritidsjobformidling",
            "delmaal": ("ub", 1),
            "beskrivelse": "En fritidsjobformidler hjælper unge i fritidsjob i Holbæks "
            "butikker og virksomheder; deltagere er unge, der er startet i job.",
            "maalgrupper": [U1317],
            "partnere": ["Jobcenter Holbæk"],
            "ansvarlig": "kenneth",
            "start": 1,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (1, 3)},
            "timer": (4, 8),
            "n": 2,
            "indikator": "unge-i-fritidsjob",
        },
        {
            "navn": "Lommepengejob",
            "delmaal": ("ub", 1),
            "beskrivelse": "Lommepengejob for 13-15-årige hos driften; deltagere er unge, der er startet.",
            "maalgrupper": [U1317],
            "partnere": ["Boligforeningen Isefjord, driften"],
            "ansvarlig": "kenneth",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (1, 2)},
            "timer": (3, 5),
            "n": 2,
            "indikator": "unge-i-fritidsjob",
        },
        {
            "navn": "Uddannelsesvejledning og mentorordning",
            "delmaal": ("ub", 1),
            "beskrivelse": "Vejledning i beboerhuset og frivillige mentorer for unge, der er "
            "droppet ud af en uddannelse.",
            "maalgrupper": [U1317, U1829],
            "partnere": ["UU Holbæk"],
            "ansvarlig": "kenneth",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (2, 6), U1829: (3, 7)},
            "timer": (2, 3),
        },
        {
            "navn": "Lektiecafé",
            "delmaal": ("ub", 1),
            "beskrivelse": "Lektiehjælp to gange om ugen med frivillige fra Røde Kors.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Røde Kors Holbæk", "Mågeskolen"],
            "ansvarlig": "aisha",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (6, 12), U1317: (3, 7)},
            "timer": (2, 2),
        },
        {
            "navn": "Jobcafé",
            "delmaal": ("ub", 2),
            "beskrivelse": "Ugentlig jobcafé med jobkonsulent fra Jobcenter Holbæk.",
            "maalgrupper": [U1829, V3064],
            "partnere": ["Jobcenter Holbæk"],
            "ansvarlig": "kenneth",
            "start": 6,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1829: (3, 6), V3064: (6, 12)},
            "timer": (3, 3),
        },
        {
            "navn": "Jobmesse i Mågeparken",
            "delmaal": ("ub", 2),
            "beskrivelse": "Planlagt jobmesse med 20 lokale virksomheder. Aflyst i foråret "
            "2020 på grund af covid-19.",
            "maalgrupper": [U1829, V3064],
            "partnere": ["Jobcenter Holbæk"],
            "ansvarlig": "kenneth",
            "start": 12,
            "slut": 13,
            "status": "aflyst",
            "deltagere": {},
            "timer": (0, 0),
        },
        {
            "navn": "Forældrekursus (De Utrolige År)",
            "delmaal": ("ff", 1),
            "beskrivelse": "Forældrekursus over 14 gange med børnepasning.",
            "maalgrupper": [FOR],
            "partnere": ["Sundhedsplejen Holbæk"],
            "ansvarlig": "aisha",
            "start": 2,
            "slut": 46,
            "status": "afsluttet",
            "deltagere": {FOR: (7, 12)},
            "timer": (2.5, 2.5),
        },
        {
            "navn": "Bydelsmødre",
            "delmaal": ("ff", 1),
            "beskrivelse": "Bydelsmødre besøger familier og følger dem til sundhedspleje og dagtilbud.",
            "maalgrupper": [FOR, V3064],
            "partnere": ["Sundhedsplejen Holbæk"],
            "ansvarlig": "aisha",
            "start": 9,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {FOR: (4, 10), V3064: (2, 5)},
            "timer": (2, 3),
        },
        {
            "navn": "Sprogleg og legestue",
            "delmaal": ("ff", 1),
            "beskrivelse": "Ugentlig legestue med fokus på sprog, i samarbejde med "
            "sundhedsplejen og den lokale daginstitution.",
            "maalgrupper": [B05, FOR],
            "partnere": ["Sundhedsplejen Holbæk"],
            "ansvarlig": "aisha",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B05: (6, 15), FOR: (5, 12)},
            "timer": (2, 2),
        },
        {
            "navn": "Gadeplansmedarbejdere",
            "delmaal": ("kp", 1),
            "beskrivelse": "Opsøgende arbejde aften og weekend; tæt koordinering med SSP og "
            "politiet om unge i risiko.",
            "maalgrupper": [U1317, U1829],
            "partnere": ["SSP Holbæk", "Midt- og Vestsjællands Politi"],
            "ansvarlig": "simon",
            "start": 0,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {U1317: (8, 18), U1829: (4, 10)},
            "timer": (4, 6),
        },
        {
            "navn": "Tryghedsvandringer",
            "delmaal": ("kp", 2),
            "beskrivelse": "To årlige tryghedsvandringer med beboere, politi og driften.",
            "maalgrupper": [V3064, AE65],
            "partnere": ["Midt- og Vestsjællands Politi", "Boligforeningen Isefjord, driften"],
            "ansvarlig": "simon",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {V3064: (8, 15), AE65: (3, 7)},
            "timer": (2, 2),
            "n": 2,
            "kun_maaneder": [4, 5, 9, 10],
        },
        {
            "navn": "Natteravne i Mågeparken",
            "delmaal": ("kp", 2),
            "beskrivelse": "Frivillige voksne går i området fredag og lørdag aften.",
            "maalgrupper": [V3064],
            "partnere": ["Natteravnene i Holbæk"],
            "ansvarlig": "simon",
            "start": 6,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {V3064: (4, 9)},
            "timer": (4, 4),
        },
        {
            "navn": "Sommeraktiviteter",
            "delmaal": ("kp", 1),
            "beskrivelse": "Sommerprogram for børn og unge, støttet af en lokal fond.",
            "maalgrupper": [B612, U1317],
            "partnere": ["Røde Kors Holbæk"],
            "ansvarlig": "simon",
            "start": 3,
            "slut": 48,
            "status": "afsluttet",
            "deltagere": {B612: (15, 30), U1317: (10, 20)},
            "timer": (6, 8),
            "kun_maaneder": [7, 8],
        },
    ],
    "brugere": {"projektleder": "maria", "bestyrelse": "charlotte"},
    "omraadestatus": [
        (2019, "44.0", "2.20", "62.0", "50.5", "31.0", "udsat"),
        (2020, "43.2", "2.10", "61.5", "51.0", "31.4", "udsat"),
        (2021, "41.5", "2.00", "60.8", "52.4", "31.8", "udsat"),
        (2022, "39.6", "1.90", "60.2", "53.9", "32.0", "udsat"),
        (2023, "38.0", "1.80", "59.0", "55.6", "32.3", "forebyggelse"),
    ],
}

PLANS = [SOLBAKKEN, LAERKEVANGEN, MAAGEPARKEN]

LBF_USER = {
    "username": "lbf",
    "first_name": "Lise Berg",
    "last_name": "Frandsen",
    "email": "lise.berg.frandsen@lbf.example",
}
ADMIN_USER = {
    "username": "admin",
    "first_name": "Demo",
    "last_name": "Administrator",
    "email": "admin@portal.example",
}

DEMO_USERS: list[tuple[str, str]] = [
    ("admin", "Superbruger med adgang til Django-admin"),
    ("lbf", "Medarbejder i Landsbyggefonden: ser alle planer, godkender samarbejdsaftaler"),
]
for _plan in PLANS:
    DEMO_USERS += [
        (f"projektleder.{_plan['key']}", f"Projektleder for {_plan['navn']}"),
        (f"bestyrelse.{_plan['key']}", f"Medlem af bestyrelsen for {_plan['navn']}"),
    ]
