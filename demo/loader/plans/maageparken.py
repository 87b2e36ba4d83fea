"""Demo plan: Helhedsplan Mågeparken, Holbæk (starting). Conventions in ``plans/__init__.py``."""

from __future__ import annotations

from demo.loader.reference import AE65, B05, B612, FOR, U1317, U1829, V3064
from demo.loader.timeline import OPSTART

MAAGEPARKEN = {
    "key": "maageparken",
    "navn": "Helhedsplan Mågeparken",  # the plan period's years are added
    "omraade": "Mågeparken",
    "kommune": "holbaek",
    "antal_beboere": 2950,
    "boligorganisationer": ["Boligforeningen Isefjord", "Holbæk Almennyttige Boligselskab"],
    "afdelinger": [
        ("Boligforeningen Isefjord", "3", "Mågeparken Nord", 620),
        ("Holbæk Almennyttige Boligselskab", "21", "Mågeparken Syd", 480),
        ("Holbæk Almennyttige Boligselskab", "22", "Mågeparkens Rækkehuse", 150),
    ],
    "fase": OPSTART,  # see demo/loader/timeline.py
    "lbf_sagsnummer": "LBF-2018-0951",
    "sted": "Mågeparkens Beboerhus",
    # yearly total (LBF 75 %, kommune and boligorganisation 12.5 % each), yearly fond
    "budget": (4_400_000, 150_000),
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
            "kommunalt_maal": "Holbæk Kommunes Ungestrategi",
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
            "kommunalt_maal": "Holbæk Kommunes Planstrategi",
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
            "beskrivelse": "Planlagt jobmesse med 20 lokale virksomheder. Aflyst, fordi for "
            "få virksomheder meldte sig.",
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
