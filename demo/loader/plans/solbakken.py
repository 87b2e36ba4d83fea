"""Demo plan: Helhedsplan Solbakken, Odense (in its second year). Conventions in ``plans/__init__.py``."""

from __future__ import annotations

from demo.loader.reference import AE65, B05, B612, FOR, U1317, U1829, V3064
from demo.loader.timeline import I_GANG

SOLBAKKEN = {
    "key": "solbakken",
    "navn": "Helhedsplan Solbakken",  # the plan period's years are added
    "omraade": "Solbakken",
    "kommune": "odense",
    "antal_beboere": 2140,
    "boligorganisationer": ["Fynsk Almen Bolig", "Boligselskabet Sydhavnen"],
    "afdelinger": [
        ("Fynsk Almen Bolig", "41", "Solbakken Øst", 540),
        ("Boligselskabet Sydhavnen", "7", "Solbakkehusene", 380),
    ],
    "fase": I_GANG,  # see demo/loader/timeline.py
    # Version 2 of the agreement, approved by LBF at the end of the plan's first year: one
    # target lowered (the chart shows the step; the quarters before it keep the status they
    # had under version 1). Dates are months (and days) after the plan's start.
    "ny_version": {
        "gyldig_fra": (12, 0),
        "indsendt": (10, 19),
        "godkendt": (11, 13),
        "lbf_kommentar": "Godkendt. Det nedjusterede måltal er begrundet i den ændrede ungdomsledighed.",
        "aendringer": [
            (
                1,
                "Andelen af 18-29-årige i uddannelse eller job stiger til 70 %",
                "Andelen af 18-29-årige i uddannelse eller job stiger til 67 %",
                "67.0",
                "Ungdomsledigheden i Odense er steget i planens første år, og kommunens nye "
                "beskæftigelsesplan sænker det forventede niveau; måltallet følger kommunens mål.",
            ),
        ],
    },
    "lbf_sagsnummer": "LBF-2018-0412",
    "sted": "Beboerhuset Solbakken, Solbakken 12",
    # yearly total (LBF 75 %, kommune and boligorganisation 12.5 % each), yearly fond
    "budget": (4_080_000, 0),
    "problemkompleks": (
        "Solbakken ligger i den sydlige del af Odense og består af 920 almene boliger i to "
        "afdelinger med ca. 2.140 beboere. Området har i flere år stået på listen over "
        "udsatte boligområder. 42 % af de 18-64-årige står uden for arbejdsmarked og "
        "uddannelse (Odense i alt: 19 %), og kun 78 % af de 15-17-årige er i gang med en "
        "uddannelse. Andelen af dømte beboere er 3,2 gange landsgennemsnittet, der "
        "anmeldes 84 forbrydelser pr. 1.000 beboere om året, og i den seneste tryghedsmåling "
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
            "kommunalt_maal": "Odense Kommunes Børne- og Ungepolitik",
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
            "kommunalt_maal": "Odense Kommunes Beskæftigelsesplan",
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
            "kommunalt_maal": "Odense Kommunes Børne- og Ungepolitik",
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
    "brugere": {"projektleder": "sara", "bestyrelse": "lone", "foelgegruppe": "birgitte"},
    # (year, A %, B × national, C %, D %, non-Western %, category)
    "omraadestatus": [
        (2019, "42.1", "3.20", "48.0", "52.0", "46.0", "udsat"),
        (2020, "41.0", "3.05", "47.2", "53.5", "45.1", "udsat"),
        (2021, "38.5", "2.60", "46.3", "56.0", "44.2", "forebyggelse"),
        (2022, "36.9", "2.30", "45.1", "57.2", "43.5", "forebyggelse"),
        (2023, "35.2", "2.10", "44.0", "58.0", "43.0", "forebyggelse"),
    ],
}
