"""The vocabulary scale bios and headlines are drawn from.

A few thousand words: ranked word lists of the field in English, French and Spanish, a
long tail of compounds built from prefixes and roots ("geodata", "civictech"), places,
and organisation acronyms. Words are drawn with a Zipf-Mandelbrot law (weight
``(rank + OFFSET) ** -EXPONENT``), so the most common word of a language appears in a few per cent
of bios ("budget" in about 3-5 %), not in most of them, and rare words in a handful. The
sentence frames around the words use no vocabulary word, so they add nothing a directory
search would match.
"""

import bisect
import itertools
import random
from functools import cache


def _split(text: str) -> list[str]:
    """The words of a list written as text, one or more a line."""
    return text.split()


#: The field's words in English, most common first.
EN = _split("""
budget transparency procurement data participation accountability corruption governance
integrity openness justice parliament elections oversight contracts citizens rights
information health education climate gender youth cities municipalities taxes spending
audit legislation lobbying ownership beneficial disclosure assets declarations
whistleblowers media journalism freedom assembly expression association press
communities inclusion accessibility disability indigenous women migrants refugees
poverty housing water sanitation energy mining extractives forests land agriculture
fisheries infrastructure roads transport mobility policing courts prisons judges
prosecutors lawyers ombudsman complaints feedback grievances petitions referendums
consultations assemblies juries deliberation dialogue mediation negotiation coalitions
networks partnerships alliances donors philanthropy grants fundraising volunteering
campaigns advocacy organising mobilisation protest litigation research evaluation
monitoring indicators metrics statistics surveys census registers cadastre archives
libraries standards interoperability identity privacy security cybersecurity algorithms
automation artificial intelligence platforms software opensource licensing apis
dashboards maps visualisation storytelling factchecking disinformation literacy training
mentoring leadership reform modernisation decentralisation devolution regions provinces
districts villages neighbourhoods schools universities hospitals clinics pharmacies
vaccines pandemic resilience disasters adaptation emissions biodiversity pollution waste
recycling circular economy employment pensions welfare subsidies tariffs trade customs
revenue debt loans banking payments remittances cash inclusion markets competition
antitrust regulation licences permits inspections sanctions enforcement compliance
ethics conflicts interests revolving doors gifts hospitality salaries payroll
recruitment meritocracy civil service unions strikes bargaining wages
""")

FR = _split("""
budget transparence marchés publics données participation redevabilité corruption
gouvernance intégrité ouverture justice parlement élections contrôle contrats citoyens
droits information santé éducation climat genre jeunesse villes communes impôts
dépenses audit législation lobbying propriété divulgation patrimoine déclarations
lanceurs alerte médias journalisme liberté réunion expression associations presse
communautés inclusion accessibilité handicap autochtones femmes migrants réfugiés
pauvreté logement eau assainissement énergie mines forêts foncier agriculture pêche
infrastructures routes transports mobilité police tribunaux prisons juges procureurs
avocats médiateur plaintes pétitions référendums consultations assemblées délibération
dialogue médiation coalitions réseaux partenariats bailleurs subventions bénévolat
campagnes plaidoyer mobilisation contentieux recherche évaluation suivi indicateurs
statistiques enquêtes recensement registres cadastre archives bibliothèques normes
interopérabilité identité vie privée sécurité algorithmes automatisation plateformes
logiciels libres licences tableaux cartes visualisation vérification désinformation
formation mentorat leadership réforme modernisation décentralisation régions provinces
départements villages quartiers écoles universités hôpitaux vaccins résilience
catastrophes adaptation émissions biodiversité pollution déchets recyclage emploi
retraites protection sociale tarifs commerce douanes recettes dette prêts paiements
concurrence régulation permis inspections sanctions conformité éthique conflits intérêts
cadeaux salaires recrutement fonction publique syndicats grèves
""")

ES = _split("""
presupuesto transparencia contratación datos participación rendición cuentas corrupción
gobernanza integridad apertura justicia parlamento elecciones control contratos
ciudadanía derechos información salud educación clima género juventud ciudades
municipios impuestos gasto auditoría legislación cabildeo propiedad divulgación bienes
declaraciones denunciantes medios periodismo libertad reunión expresión asociaciones
prensa comunidades inclusión accesibilidad discapacidad indígenas mujeres migrantes
refugiados pobreza vivienda agua saneamiento energía minería bosques tierras
agricultura pesca infraestructura carreteras transporte movilidad policía tribunales
cárceles jueces fiscales abogados defensoría quejas peticiones referendos consultas
asambleas deliberación diálogo mediación coaliciones redes alianzas donantes
subvenciones voluntariado campañas incidencia movilización litigio investigación
evaluación monitoreo indicadores estadísticas encuestas censo registros catastro
archivos bibliotecas estándares interoperabilidad identidad privacidad seguridad
algoritmos automatización plataformas software licencias tableros mapas visualización
verificación desinformación alfabetización capacitación mentoría liderazgo reforma
modernización descentralización regiones provincias distritos pueblos barrios escuelas
universidades hospitales vacunas resiliencia desastres adaptación emisiones
biodiversidad contaminación residuos reciclaje empleo pensiones subsidios aranceles
comercio aduanas ingresos deuda préstamos pagos competencia regulación permisos
inspecciones sanciones cumplimiento ética conflictos intereses regalos salarios
reclutamiento servicio civil sindicatos huelgas
""")

PREFIXES = _split("open civic geo e eco gov data co micro agri health edu fin legal")
ROOTS = _split("""
data tech lab hub map budget audit watch tracker portal index register ledger
contract fund grant code net forum school lens check desk track census mining
finance tax health justice vote rights law law city water land forest power
""")

PLACES = _split("""
Dakar Abuja Nairobi Lagos Accra Kampala Kigali Tunis Rabat Cairo Amman Beirut Tbilisi
Kyiv Warsaw Madrid Lisbon Paris Lyon Marseille Brussels Berlin Rome Milan Athens
Bucharest Sarajevo Tirana Manila Jakarta Bangkok Dhaka Delhi Mumbai Karachi Colombo
Kathmandu Seoul Tokyo Taipei Sydney Auckland Suva Lima Bogotá Medellín Quito Santiago
Montevideo Asunción Mendoza Rosario Córdoba Guadalajara Monterrey Oaxaca Puebla
Tegucigalpa Managua Panamá Caracas Recife Salvador Ottawa Toronto Montréal Chicago
Detroit Oakland Austin Boston Abidjan Bamako Ouagadougou Niamey Cotonou Lomé Douala
Yaoundé Kinshasa Lubumbashi Antananarivo Maputo Lusaka Harare Windhoek Gaborone
""")

#: Zipf-Mandelbrot law: weight = 1 / (rank + OFFSET) ** EXPONENT. The larger the offset,
#: the flatter the head; the larger the exponent, the thinner the tail.
OFFSET = 100
EXPONENT = 1.2

LANGUAGES = ("en", "fr", "es")


def _acronyms(count: int) -> list[str]:
    rng = random.Random(2026)  # noqa: S311 (demo data, not secrets)
    letters = "ABCDEFGHIJKLMNOPRSTUVW"
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen["".join(rng.choices(letters, k=rng.choice((3, 4, 4, 5))))] = None
    return list(seen)


@cache
def compounds() -> list[str]:
    return sorted({p + r for p, r in itertools.product(PREFIXES, ROOTS) if p != r})


@cache
def acronyms() -> list[str]:
    return _acronyms(1500)


@cache
def vocabulary(language: str) -> list[str]:
    """The ranked vocabulary of a language: its own words first, then the long tail."""
    own = {"en": EN, "fr": FR, "es": ES}[language]
    ranked = list(dict.fromkeys(own))
    tail = compounds() + PLACES
    random.Random(language).shuffle(tail)  # noqa: S311
    return ranked + [word for word in tail if word not in ranked]


def all_words() -> set[str]:
    return {word for language in LANGUAGES for word in vocabulary(language)} | set(acronyms())


@cache
def _cumulative(language: str) -> list[float]:
    return list(
        itertools.accumulate(
            (rank + OFFSET) ** -EXPONENT for rank in range(len(vocabulary(language)))
        )
    )


def draw(rng: random.Random, language: str, count: int) -> list[str]:
    """``count`` distinct words of ``language``, drawn by rank with the Zipf-Mandelbrot law."""
    words = vocabulary(language)
    cumulative = _cumulative(language)
    total = cumulative[-1]
    chosen: dict[str, None] = {}
    while len(chosen) < count:
        chosen[words[bisect.bisect(cumulative, rng.random() * total)]] = None
    return list(chosen)


FRAMES = {
    "en": (
        "I work on {0}, {1} and {2}.",
        "My focus is {0} and {1}, with a long interest in {2}.",
        "Before this role I spent years on {0}; today it is {1} and {2}.",
        "Curious about {0}, {1}, {2} and how they connect.",
        "Happy to talk about {0} or {1} with anyone who asks.",
        "Lately: {0}, {1}, {2}.",
        "Most of my days go to {0} and {1}; evenings to {2}.",
        "Ask me about {0}, {1} or {2}.",
        "Trained in {0}, now deep in {1} and {2}.",
        "Looking for peers in {0} and {1}.",
        "{0}, {1} and {2} are what I care about.",
        "Previously {0}. Now {1}, {2}.",
    ),
    "fr": (
        "Je travaille sur {0}, {1} et {2}.",
        "Mes sujets : {0} et {1}, avec un intérêt ancien pour {2}.",
        "Avant ce poste, {0} ; aujourd’hui, {1} et {2}.",
        "Je m’intéresse à {0}, {1}, {2} et aux liens entre eux.",
        "Ravie d’échanger sur {0} ou {1}.",
        "En ce moment : {0}, {1}, {2}.",
        "Mes journées : {0} et {1} ; mes soirées : {2}.",
        "Parlons de {0}, {1} ou {2}.",
        "Formée en {0}, je me consacre à {1} et {2}.",
        "Je cherche des pairs en {0} et {1}.",
        "{0}, {1} et {2} me tiennent à cœur.",
        "Autrefois {0}. Désormais {1}, {2}.",
    ),
    "es": (
        "Trabajo en {0}, {1} y {2}.",
        "Me ocupo de {0} y {1}, con un interés antiguo por {2}.",
        "Antes de este puesto, {0}; hoy, {1} y {2}.",
        "Me interesan {0}, {1}, {2} y cómo se conectan.",
        "Con gusto converso sobre {0} o {1}.",
        "Últimamente: {0}, {1}, {2}.",
        "Mis días: {0} y {1}; mis noches: {2}.",
        "Pregúnteme por {0}, {1} o {2}.",
        "Formada en {0}, hoy me dedico a {1} y {2}.",
        "Busco pares en {0} y {1}.",
        "{0}, {1} y {2} me importan.",
        "Antes {0}. Ahora {1}, {2}.",
    ),
}

HEADLINES = {
    "en": ("{0} and {1}", "Working on {0}", "{0}, {1}, {2}"),
    "fr": ("{0} et {1}", "Travaille sur {0}", "{0}, {1}, {2}"),
    "es": ("{0} y {1}", "Trabajo en {0}", "{0}, {1}, {2}"),
}


def bio(rng: random.Random, language: str, *, sentences: int | None = None) -> str:
    """A short bio of three or four sentences, about a dozen vocabulary words in all."""
    count = sentences or rng.choice((3, 4, 4))
    frames = rng.sample(FRAMES[language], count)
    words = draw(rng, language, 3 * count)
    return " ".join(frame.format(*words[3 * i : 3 * i + 3]) for i, frame in enumerate(frames))


def headline(rng: random.Random, language: str) -> str:
    text = rng.choice(HEADLINES[language]).format(*draw(rng, language, 3))
    return text[:1].upper() + text[1:]
