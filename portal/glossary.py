"""The portal's glossary (ordliste): the domain's words as LBF and the SBi evaluation use
them, one entry each, in one place. The glossary page lists them with anchors, and
``{% term "delaftale" %}`` (``portal/templatetags/hjaelp.py``) links the first mention of a
term on a page to its entry. A key unknown here is a programming error (``KeyError``), so a
typo in a template fails its test rather than linking nowhere."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    key: str
    name: str | Promise
    short: str | Promise
    text: str | Promise

    @property
    def anchor(self) -> str:
        return f"term-{self.key}"


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "helhedsplan",
        _("Boligsocial helhedsplan"),
        _("En 4-årig boligsocial indsats i et boligområde, støttet af Landsbyggefonden."),
        _(
            "En boligsocial helhedsplan er en 4-årig indsats, som en eller flere boligorganisationer "
            "og beliggenhedskommunen laver sammen for et boligområde. Den lægges oven i kommunens "
            "almindelige kernedrift og finansieres af Landsbyggefonden (mindst 25 % lokal "
            "medfinansiering)."
        ),
    ),
    Entry(
        "bevillingsperiode",
        _("Bevillingsperiode"),
        _("Landsbyggefondens runde af midler, fx 2015-18-midlerne."),
        _(
            "Pengene gives i runder opkaldt efter årene (2011-14-, 2015-18-, 2019-26-midlerne). "
            "Hver runde har sit eget regulativ, sin vejledning og sine indsatsområder."
        ),
    ),
    Entry(
        "indsatsomraade",
        _("Indsatsområde"),
        _("Et af de temaer, en plan arbejder med, fx tryghed og trivsel."),
        _(
            "Indsatsområderne er fastsat for hver bevillingsperiode. I 2015-18 var de tryghed og "
            "trivsel, kriminalpræventiv indsats, uddannelse og beskæftigelse samt forebyggelse og "
            "forældreansvar. Planen skriver én delaftale for hvert indsatsområde, den vælger."
        ),
    ),
    Entry(
        "samarbejdsaftale",
        _("Strategisk samarbejdsaftale"),
        _("Aftalen mellem kommunen og boligorganisationerne om planens strategiske mål."),
        _(
            "Samarbejdsaftalen beskriver områdets problemkompleks med data, de strategiske mål og "
            "succeskriterierne for hele 4-årsperioden. Ændringer kræver Landsbyggefondens "
            "godkendelse; en ny version gælder først, når den er godkendt."
        ),
    ),
    Entry(
        "strategisk_maal",
        _("Strategisk mål"),
        _("Et mål i samarbejdsaftalen for området eller en målgruppe."),
        _(
            "De strategiske mål svarer på områdets problemer og kan kobles til et kommunalt mål. "
            "Hvert mål følges med et eller flere succeskriterier."
        ),
    ),
    Entry(
        "succeskriterie",
        _("Succeskriterie"),
        _("Det målbare tegn på, at et strategisk mål nås: indikator, baseline og måltal."),
        _(
            "Et succeskriterie har en indikator, en baseline (udgangspunkt med dato) og et måltal "
            "med dato. Portalen beregner for hver periode, om kriteriet er på sporet, i risiko "
            "eller ikke på sporet, ved at sammenligne den seneste værdi med den forventede vej fra "
            "baseline til måltal."
        ),
    ),
    Entry(
        "delaftale",
        _("Delaftale"),
        _("Aftalen for ét indsatsområde: formål, delmål og aktiviteter."),
        _(
            "Der er én delaftale pr. valgt indsatsområde. Den beskriver delmål og aktiviteter med "
            "lokale samarbejdspartnere. Bestyrelsen holder delaftalerne opdaterede, og hver "
            "version gemmes."
        ),
    ),
    Entry(
        "delmaal",
        _("Delmål"),
        _("Et konkret mål i en delaftale, koblet til et eller flere strategiske mål."),
        _(
            "Delmålene er bindeleddet mellem det strategiske og det praktiske niveau: hvert delmål "
            "hører til en delaftale, bidrager til strategiske mål og nås gennem aktiviteter."
        ),
    ),
    Entry(
        "aktivitet",
        _("Aktivitet"),
        _("Det, der sker i praksis, fx en lektiecafé, med målgruppe, ansvarlig og datoer."),
        _(
            "En aktivitet hører til et delmål og har målgrupper, samarbejdspartnere, en ansvarlig, "
            "start- og slutdato og status. Hver gang den finder sted, registreres deltagerne."
        ),
    ),
    Entry(
        "statusrapport",
        _("Statusrapport"),
        _("Rapporten for en delaftale og en periode: delmålenes status og en fortælling."),
        _(
            "Projektlederen skriver rapporten, følge- eller styregruppen accepterer den, og "
            "bestyrelsen godkender den. Derefter er den låst."
        ),
    ),
    Entry(
        "bestyrelse",
        _("Boligsocial bestyrelse"),
        _("Planens strategiske ledelse med ledere fra kommune og boligorganisationer."),
        _(
            "Bestyrelsen har det samlede ansvar for planens fremdrift og kobler den til kommunens "
            "strategier. Medlemmerne er typisk direktører fra boligorganisationerne og chefer fra "
            "kommunens forvaltninger; politiet kan deltage."
        ),
    ),
    Entry(
        "styregruppe",
        _("Styregruppe"),
        _("En gruppe under bestyrelsen, der driver det faglige arbejde."),
        _(
            "Styre- og følgegrupper tager sig af det daglige faglige arbejde, så delmålene nås. "
            "De er frivillige, og planerne organiserer dem forskelligt."
        ),
    ),
    Entry(
        "foelgegruppe",
        _("Følgegruppe"),
        _("En gruppe, der følger en eller flere delaftaler og accepterer deres statusrapporter."),
        _(
            "En følgegruppe rapporterer til bestyrelsen. Der kan være én fælles gruppe, én pr. "
            "indsatsområde eller én pr. delområde. En delaftale, som ingen gruppe følger, vises "
            "som et hul i styringsstrengen."
        ),
    ),
    Entry(
        "forum",
        _("Forum"),
        _("Et politisk eller beboerforum ved siden af bestyrelsen, uden beslutningskompetence."),
        _(
            "Mange planer har et boligsocialt forum med politikere, afdelingsbestyrelser og politi. "
            "Det rådgiver, men beslutter ikke."
        ),
    ),
    Entry(
        "styringsstreng",
        _("Styringsstreng"),
        _("Kæden fra bestyrelsen over grupperne til delaftalerne: hvem rapporterer til hvem."),
        _(
            "Styringsstrengen viser, hvilke grupper der rapporterer til bestyrelsen, og hvilke "
            "delaftaler hver gruppe følger. Evalueringen af 2015-18-midlerne fandt, at koblingen "
            "mellem det strategiske og det praktiske niveau ofte var svag; portalen gør den synlig."
        ),
    ),
    Entry(
        "projektleder",
        _("Projektleder"),
        _("Leder det praktiske arbejde og forbereder bestyrelsen."),
        _(
            "Projektlederen (nogle steder chef for helhedsplanen) leder sekretariatet og "
            "aktiviteterne, registrerer data og skriver statusrapporter, så bestyrelsen kan "
            "beslutte på et oplyst grundlag."
        ),
    ),
    Entry(
        "indikator",
        _("Indikator"),
        _("Et nøgletal, der måles over tid, fx andelen af unge i uddannelse."),
        _(
            "Indikatorerne står i et fælles katalog. Målinger kommer fra registreringer i portalen "
            "eller fra import (fx Boligsociale Data)."
        ),
    ),
    Entry(
        "baseline",
        _("Baseline"),
        _("Udgangspunktet: indikatorens værdi på en given dato, før indsatsen."),
        _("Baseline er typisk værdien ved tilsagnstidspunktet. Fremdriften måles fra den mod måltallet."),
    ),
    Entry(
        "maaltal",
        _("Måltal"),
        _("Den værdi, et succeskriterie skal nå, og datoen for det."),
        _(
            "Et måltal kan ændres i en ny version af samarbejdsaftalen; det nye måltal gælder fra "
            "versionens ikrafttræden og aldrig for afsluttede perioder."
        ),
    ),
    Entry(
        "udsat_boligomraade",
        _("Udsat boligområde"),
        _("Et boligområde, der opfylder mindst 2 af lovens 4 kriterier (almenboligloven § 61a)."),
        _(
            "Kriterierne er: A) over 40 % uden for arbejdsmarked og uddannelse, B) mindst 3 gange "
            "landsgennemsnittet dømt for kriminalitet, C) over 60 % med kun grundskole og D) "
            "gennemsnitlig bruttoindkomst under 55 % af regionens. Afledte kategorier er "
            "parallelsamfund, omdannelsesområde og forebyggelsesområde (§ 61b)."
        ),
    ),
    Entry(
        "omraadeprofil",
        _("Områdeprofil"),
        _("Et boligområdes kriterieværdier og lovens kategorier år for år."),
        _(
            "Områdeprofilen viser for hvert listeår værdierne for lovens kriterier og, i en "
            "sætning, hvorfor området er eller ikke er i hver kategori."
        ),
    ),
    Entry(
        "boardpack",
        _("Mødepakke"),
        _("Et fastfrosset øjebliksbillede af dashboardet til et bestyrelsesmøde."),
        _("Når mødepakken frigives, gemmes dashboardets tal med mødet og ændres ikke siden."),
    ),
)

_BY_KEY = {e.key: e for e in ENTRIES}


def entry(key: str) -> Entry:
    """The glossary entry for ``key`` (``KeyError`` if there is none)."""
    return _BY_KEY[key]
