"""The portal's Danish date and number formats (FORMAT_MODULE_PATH), the one place that says
how a date looks. Prose: "1. januar 2019", "1. januar 2019 kl. 14.05"; tables:
"01.01.2019", "01.01.2019 14.05" (Retskrivningsordbogen: a full stop between hours and
minutes). Anything not set here (input formats, separators) comes from Django's ``da``."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
TIME_FORMAT = "H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
