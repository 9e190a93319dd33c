"""Topics: a claim is filed where an editor would file it, from the headings above it, its title
and its text, in the languages the importer reads. Every sample here is written for the test."""

import pytest

from articles.parsing import Kind, TopicRule, parse_article
from articles.parsing.topics import TopicClassifier
from tests.test_parsing_golden import fixture_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return fixture_catalogue()


@pytest.fixture(scope="module")
def topics(catalogue):
    return TopicClassifier(catalogue.topics, catalogue.names)


def topic_of(topics, title, text="", headings=(), kind=Kind.PRO):
    return topics.classify(title, text or title, tuple(headings), kind)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Performance", "performance"),
        ("3. Rendimiento", "performance"),
        ("Sicurezza", "security"),
        ("Notes on deployment", "deployment"),
        ("🚀 Curva de aprendizaje", "learning-curve"),
        ("生态", "ecosystem"),
        ("성능", "performance"),
        ("Производительность", "performance"),
    ],
)
def test_a_heading_that_names_a_topic_files_every_claim_under_it(topics, heading, expected):
    # The bullet itself says nothing about speed: the section it sits in does.
    said = "Comes with a startproject command"
    assert topic_of(topics, "Django", said, ["Comparison", heading, "Django"]) == expected


def test_a_heading_naming_two_topics_lets_the_claim_choose_between_them(topics):
    headings = ["Performance and scalability", "Flask"]
    assert topic_of(topics, "Workers scale out behind a load balancer", headings=headings) == "scalability"
    assert topic_of(topics, "Nothing to add here", headings=headings) == "performance"


def test_a_tagline_that_uses_a_topics_words_names_no_topic(topics):
    headings = ["FastAPI", "High performance, easy to learn, fast to code"]
    assert topic_of(topics, "Dependency injection", headings=headings) is None
    assert topic_of(topics, "Admin", "No admin site of its own", headings=headings) == "admin"


def test_the_nearest_topic_heading_wins(topics):
    headings = ["Security", "Django", "Documentation"]
    assert topic_of(topics, "Thorough reference pages", headings=headings) == "documentation"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Target audience / Use case", "Teams building full-stack, secure web apps"),
        ("Conclusion", "A great choice for interactive, full-stack apps written entirely in Python."),
        ("Best for", "High-performance APIs and microservices"),
    ],
)
def test_summaries_are_not_forced_into_a_topic(topics, title, text):
    assert topic_of(topics, title, text, ["Wrapping up"], kind=Kind.SUMMARY) is None


def test_a_summary_under_a_topic_heading_takes_that_topic(topics):
    assert (
        topic_of(topics, "Verdict", "Flask wins", ["Learning curve"], kind=Kind.SUMMARY) == "learning-curve"
    )


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Prestazioni", "Regge molte richieste al secondo con pochi processi.", "performance"),
        ("Schnelle Entwicklung", "Ein CRUD-Backend steht an einem Nachmittag.", "productivity"),
        ("Sécurité", "Protection contre le CSRF activée par défaut.", "security"),
        ("Escalabilidad", "Crece con el tráfico sin reescribir nada.", "scalability"),
        ("Comunidade ativa", "Muitas respostas e pacotes prontos.", "ecosystem"),
        ("Асинхронность", "Обработчики работают без блокировок.", "async-concurrency"),
        ("Güvenlik", "Oturumlar için yerleşik koruma sağlar.", "security"),
        ("Dokumentasi lengkap", "Setiap fitur dijelaskan dengan contoh.", "documentation"),
        ("Giao diện", "Các thành phần giao diện có sẵn.", "frontend-ui"),
        ("学习曲线平缓", "新手一天就能上手。", "learning-curve"),
        ("管理画面", "モデルを登録するだけで管理画面ができる。", "admin"),
        ("데이터베이스", "ORM으로 데이터베이스를 다룬다.", "orm-database"),
        ("성능이 좋다", "요청을 빠르게 처리한다.", "performance"),
    ],
)
def test_topic_words_in_the_languages_the_importer_reads(topics, title, text, expected):
    assert topic_of(topics, title, text) == expected


def test_a_title_that_is_a_topics_name_outweighs_a_stray_word_in_the_text(topics):
    assert topic_of(topics, "Deployment", "One command ships it, and the docs explain how.") == "deployment"


def test_generic_words_count_less_than_specific_ones(topics):
    assert topic_of(topics, "Lightweight and flexible") == "flexibility"
    assert (
        topic_of(topics, "Simple", "Callbacks wire every widget to the state it shows.")
        == "state-interactivity"
    )


def test_between_equal_topics_the_claim_leads_with_its_subject(topics):
    assert topic_of(topics, "Built-in ORM and admin panel") == "orm-database"
    assert topic_of(topics, "Admin panel and ORM included") == "admin"


def test_phrases_are_read_whole(topics):
    assert topic_of(topics, "Server-side rendering out of the box") == "templating"
    assert topic_of(topics, "Interactive API documentation") == "api-docs"
    assert topic_of(topics, "Machine learning model demos") == "ml-integration"
    assert topic_of(topics, "Dependency injection everywhere") is None  # not "injection" attacks


def test_a_frameworks_name_is_not_a_topic_word(topics):
    assert topic_of(topics, "Plays well with Fast-API") is None
    assert topic_of(topics, "OpenAPI-first design") == "api-docs"  # a hyphenated word read in parts


def test_growth_is_about_scale_not_about_the_word_that_comes_last(topics):
    text = "Past a certain size you are maintaining a framework of your own, with fewer docs."
    assert topic_of(topics, "You end up building a framework", text) == "scalability"


def test_keywords_an_editor_adds_in_the_admin_count():
    rules = [TopicRule("frontend-ui", "Frontend & UI", ("htmx",)), TopicRule("cost", "Cost", ())]
    assert TopicClassifier(rules).classify("Pairs well with htmx", "") == "frontend-ui"
    assert TopicClassifier(rules).classify("Free forever", "") == "cost"  # the vocabulary's own word


def test_topic_first_article_files_each_framework_under_the_section_topic(catalogue):
    article = parse_article(
        "---\ntitle: Comparativa\nlang: es\n---\n## Rendimiento\n\n### Django\n\nVentajas:\n"
        "- Caché integrada por vista\n\n### Flask\n\nDesventajas:\n- Todo síncrono por defecto\n\n"
        "## Curva de aprendizaje\n\n### Django\n\nDesventajas:\n- Muchas piezas que conocer\n",
        catalogue,
    )
    assert [(c.framework, c.kind, c.topic) for c in article.claims] == [
        ("Django", "pro", "performance"),
        ("Flask", "con", "performance"),
        ("Django", "con", "learning-curve"),
    ]
    assert article.claims[0].headings == ("Rendimiento", "Django")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Free admin panel", "admin"),
        ("Free and open source", "cost"),
        ("Fast learning curve", "learning-curve"),
        ("Extremely fast", "performance"),
        ("Mise en place rapide", "productivity"),
    ],
)
def test_a_word_that_only_describes_its_neighbour_counts_for_the_neighbour(topics, title, expected):
    assert topic_of(topics, title) == expected


def test_a_label_heading_with_a_topic_files_claims_that_say_nothing_else(topics):
    headings = ["Django", "Advantages of the Django ORM"]
    assert topic_of(topics, "Readable code in plain Python", headings=headings) == "orm-database"
    assert topic_of(topics, "Validation of every field", headings=headings) == "typing-validation"


def test_the_point_a_subheading_names_files_the_bullets_under_it(catalogue):
    article = parse_article(
        "---\ntitle: T\n---\n## FastAPI\n\n### Pros\n\n#### ✅ Type safety\n\n"
        "- Wrong data is refused before your code runs\n- Mistakes show up early\n",
        catalogue,
    )
    assert [(c.topic, c.subheadings) for c in article.claims] == [
        ("typing-validation", ("✅ Type safety",)),
        ("typing-validation", ("✅ Type safety",)),
    ]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("🏁 2. Security", "security"),  # an emoji before the number
        ("Security — what could go wrong?", "security"),  # a comment after a dash
        ("Speed (requests per second)", "performance"),  # a comment in brackets
        ("Round 3: Deployment", "deployment"),  # a label with a number before it
        ("Async support", "async-concurrency"),
        ("Asynchronous support", "async-concurrency"),  # words a heading adds to a topic
        ("Built-in security", "security"),
        ("Documentation quality", "documentation"),
        ("Comparación de rendimiento", "performance"),  # filler with its accents
        ("パフォーマンス比較", "performance"),  # filler inside a word with no spaces
        ("性能对比", "performance"),
    ],
)
def test_a_heading_that_says_more_than_its_topic_still_names_it(topics, heading, expected):
    said = "Ships with a command to start a project"
    assert topic_of(topics, "Django", said, ["Comparison", heading, "Django"]) == expected


def test_a_frameworks_tagline_after_a_colon_names_no_topic(topics):
    said = "Ships with a command to start a project"
    for heading in ("Bottle: small and flexible", "Bottle — dashboards for Python", "Bottle: step 1"):
        assert topic_of(topics, "Bottle", said, ["Comparison", heading]) is None


def test_a_heading_made_of_one_topics_words_suggests_it_to_the_claims_under_it(topics):
    # "Migrations" is not a topic's name, only its word: claims that say nothing else take it,
    # a claim that speaks of another topic keeps its own.
    headings = ["Django", "Migrations"]
    assert topic_of(topics, "One command per change", headings=headings) == "orm-database"
    assert topic_of(topics, "Reviewed in the admin panel", "The admin panel lists them", headings) == "admin"
    assert topic_of(topics, "Ships with a starter", headings=["Comparison", "Caching"]) == "performance"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Enterprise integrations for every payment provider", "ecosystem"),  # what kind, not scale
        ("Enterprise ready", "scalability"),  # on its own it keeps its topic
        ("Structured courses for every level", "documentation"),
        ("Integrates with PostgreSQL out of the box", "orm-database"),  # the thing integrated with
        ("Integrates with most libraries", "ecosystem"),
    ],
)
def test_a_generic_word_gives_way_to_the_specific_one_it_describes(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Topluluğu çok geniş", "ecosystem"),  # Turkish k becomes ğ before an ending
        ("Güvenliği sağlam", "security"),
        ("Komunitasnya besar", "ecosystem"),  # Indonesian -nya
        ("Dokumentasinya rapi", "documentation"),
        ("Dokumentacji jest mało", "documentation"),  # Polish cases
        ("Społeczności brakuje", "ecosystem"),
        ("Évolutif sans effort", "scalability"),
    ],
)
def test_inflected_topic_words_are_read(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Response times stay flat under load", "performance"),
        ("Takes months to master", "learning-curve"),
        ("Around since the early days of the web", "maturity-stability"),
        ("Minor versions rename settings", "maturity-stability"),
        ("Schema migrations written for you", "orm-database"),
        ("Endpoints stay unprotected unless you add a decorator", "security"),
        ("Swap the template layer for another one", "flexibility"),
        ("Runs some of the biggest sites on the web", "scalability"),
    ],
)
def test_common_ways_of_saying_a_topic(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Customizable back office", "admin"),  # what can be customised decides
        ("Highly customizable", "flexibility"),  # on its own it keeps its topic
        ("Interactive charts", "data-visualisation"),
        ("Interactive from the first line", "state-interactivity"),
    ],
)
def test_what_a_thing_lets_you_do_describes_the_thing(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Foreign keys and joins read like plain Python", "orm-database"),
        ("Secrets stay out of the repository", "security"),
        ("Renders HTML pages from reusable blocks", "templating"),
        ("Splitting into separate services is painful", "scalability"),
        ("Share any app with a public link", "deployment"),
        ("Invalid input is rejected with a clear message", "typing-validation"),
        ("Language model front ends in an afternoon", "ml-integration"),
        ("A few lines for a whole page", "productivity"),
        ("The community edition covers most needs", "cost"),
    ],
)
def test_more_ways_of_saying_a_topic(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Cold starts are slow on small machines", "performance"),  # a phrase in the plural
        ("Several template engines to pick from", "templating"),
        ("Ships with a command to start a project", None),  # "ships with" is not shipping
    ],
)
def test_a_keywords_plural_is_the_keyword(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("内置ORM", "orm-database"),  # a Latin word written against Chinese
        ("自动生成OpenAPI文档", "api-docs"),
        ("ORM을 기본으로 제공한다", "orm-database"),  # a Korean particle joined to it
    ],
)
def test_latin_words_written_against_chinese_japanese_or_korean_are_read(topics, title, expected):
    assert topic_of(topics, title) == expected


def test_a_heading_naming_a_topic_before_a_comment_wins_over_its_words(topics):
    headings = ["Comparison", "Speed (requests per second)", "Django"]
    assert topic_of(topics, "Django", "Ships with a command to start a project", headings) == "performance"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Profiling points at the template layer", "performance"),
        ("Long-running tasks need Celery", "async-concurrency"),
        ("The mental model fits in your head", "learning-curve"),
        ("Every function has a docstring", "documentation"),
        ("Plenty of companies hire for it", "ecosystem"),
        ("Still in beta", "maturity-stability"),
        ("Staff users edit records without a developer", "admin"),
        ("Rate limiting against brute force logins", "security"),
        ("Live-updating feeds without polling", "real-time"),
        ("Ready-made UI elements", "frontend-ui"),
        ("Paid tiers start at ten dollars", "cost"),
        ("Verboso para formularios largos", "productivity"),
    ],
)
def test_still_more_ways_of_saying_a_topic(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Snappier than the old release", "performance"),
        ("Overwhelming for newbies", "learning-curve"),
        ("The manual reads well", "documentation"),
        ("Manual API documentation only", "api-docs"),  # "manual" here only describes
        ("Finding help online takes seconds", "ecosystem"),
        ("Used in production since the first release", "maturity-stability"),
        ("Non-developers edit data in the browser", "admin"),
        ("Classes map to tables", "orm-database"),
        ("Response models are checked at runtime", "typing-validation"),
        ("Endpoints are documented automatically", "api-docs"),
        ("Saves a lot of typing", "productivity"),
        ("Démarrage rapide d'un nouveau site", "productivity"),
        ("Modèles de données en quelques lignes", "orm-database"),
        ("Gemakkelijk te leren", "learning-curve"),
        ("Dễ triển khai", "deployment"),
    ],
)
def test_everyday_wording_in_several_languages(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Replies in a few milliseconds", "performance"),
        ("Requires knowing Python well", "learning-curve"),
        ("A management interface for every table of yours", "admin"),
        ("Fits apps of any size", "scalability"),
        ("Data classes describe each request", "typing-validation"),
        ("Every user action starts over", "state-interactivity"),
        ("Fast to build forms and lists", "productivity"),
        ("Licensed under BSD", "cost"),
        ("Die Einarbeitung dauert", "learning-curve"),
    ],
)
def test_yet_more_ways_of_saying_a_topic(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fácil de implantar", "deployment"),  # "easy to" only says how the rest goes
        ("Facile da distribuire", "deployment"),
        ("Fácil", "learning-curve"),  # alone it keeps its topic
    ],
)
def test_every_form_of_a_weak_word_is_weak(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Aguanta miles de conexiones simultáneas", "async-concurrency"),
        ("Hay que dominar muchos conceptos", "learning-curve"),
        ("Lleva muchos años en producción", "maturity-stability"),
        ("Protege contra la inyección SQL", "security"),
        ("Inyección de dependencias integrada", None),  # not about attacks
        ("Se escribe poco código", "productivity"),
        ("Gestion des utilisateurs fournie", "auth"),
    ],
)
def test_romance_wording(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Потребляет мало памяти", "performance"),
        ("Проект стабилен", "maturity-stability"),
        ("Быстрая разработка сайтов", "productivity"),
        ("Leicht zu erlernen", "learning-curve"),
        ("日本語の情報が多い", "documentation"),
    ],
)
def test_russian_german_and_japanese_wording(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Documentación oficial", "documentation"),
        ("Facilité d'apprentissage", "learning-curve"),  # an elided article
        ("Facilidad de despliegue", "deployment"),  # "ease of" names what is easy
        ("Soporte para async", "async-concurrency"),
        ("Manejo de bases de datos", "orm-database"),  # filler inside a name is kept
        ("Madurez del proyecto", "maturity-stability"),
        ("Community size", "ecosystem"),
        ("Libraries and extensions", "ecosystem"),
        ("Database integration", "orm-database"),
        ("Tài liệu và cộng đồng", "documentation"),  # a connector with its accents
        ("Popularidad", "ecosystem"),
    ],
)
def test_more_headings_that_name_a_topic(topics, heading, expected):
    said = "Ships with a command to start a project"
    assert topic_of(topics, "Django", said, ["Comparison", heading, "Django"]) == expected


def test_a_topics_name_in_a_heading_is_not_a_word_of_the_claim(topics):
    assert topic_of(topics, "Good for lifelong learning habits") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Serves large files slowly", "performance"),
        ("A Dockerfile comes with every project", "deployment"),
        ("Runs sites with millions of visitors", "scalability"),
        ("Imposes a layout for every app", "flexibility"),
        ("Rápido de desarrollar", "productivity"),
    ],
)
def test_wording_found_on_fresh_sentences(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("How fast is it?", "performance"),
        ("¿Qué tal la seguridad?", "security"),
        ("What about async?", "async-concurrency"),
        ("Who wins?", None),
    ],
)
def test_a_question_about_one_topic_suggests_it(topics, heading, expected):
    assert topic_of(topics, "One command to start", headings=["Django", heading]) == expected


def test_a_heading_of_a_topics_words_does_not_hide_the_section_that_names_one(topics):
    headings = ["Security", "Django", "Sessions"]
    assert topic_of(topics, "Stored on the server by default", headings=headings) == "security"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Used by a few public agencies", "maturity-stability"),  # weak: only when nothing else
        ("Versions get fixes for years", "maturity-stability"),
        ("Best for small projects", "scalability"),
        ("A docs UI to try requests", "api-docs"),
        ("Reacts to every keystroke", "state-interactivity"),  # the verb, not the library
    ],
)
def test_wording_found_on_more_fresh_sentences(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("성능과 확장성", "performance"),  # "과" (and) joined to the first topic
        ("Django의 성능", "performance"),  # "의" joined to a framework's name
        ("ORM과 데이터베이스", "orm-database"),
        ("효과", None),  # a word that only ends like a particle
    ],
)
def test_korean_particles_joined_to_a_headings_words(topics, heading, expected):
    said = "Ships with a command to start a project"
    assert topic_of(topics, "Django", said, ["Comparison", heading, "Django"]) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Blog posts cover every corner", "documentation"),
        ("Run by a handful of volunteers", "maturity-stability"),
        ("HSTS and HTTPS redirects in one setting", "security"),
        ("Dark mode built in", "frontend-ui"),
        ("Wire the pieces however you like", "flexibility"),
        ("Load balancing is left to you", "scalability"),
        ("Runs on Windows and Linux", "deployment"),
        ("Redraws on each input", "state-interactivity"),
        ("Generates CRUD views", "productivity"),
        ("Editors manage pages themselves", "admin"),
    ],
)
def test_wording_found_on_a_last_round_of_fresh_sentences(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Easy to pick up", "learning-curve"),
        ("Bearer tokens and API keys", "auth"),
        ("Backed by a foundation", "maturity-stability"),
        ("Runs well on modest hardware", "performance"),
    ],
)
def test_the_last_wording_added(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Prise en charge de l'asynchrone", "async-concurrency"),  # an article elided onto it
        ("Interface d'administration intégrée", "admin"),  # a phrase with one, read the same way
        ("Consume muchos recursos", "performance"),
        ("Requiere experiencia previa", "learning-curve"),
        ("Rompe la compatibilidad a menudo", "maturity-stability"),
        ("Integración con modelos de IA", "ml-integration"),
        ("Desarrollo ágil", "productivity"),
        ("Leicht erweiterbar", "flexibility"),
    ],
)
def test_romance_and_german_wording_with_elisions(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("防止SQL注入", "security"),  # the attack, not the database
        ("版本更新频繁", "maturity-stability"),
        ("高度可定制", "flexibility"),
        ("動作が軽い", "performance"),
        ("長く使われている", "maturity-stability"),
        ("開発スピードが速い", "productivity"),
        ("오래되고 안정적이다", "maturity-stability"),
    ],
)
def test_chinese_japanese_and_korean_wording(topics, title, expected):
    assert topic_of(topics, title) == expected


def test_lightweight_is_about_a_small_core_unless_speed_is_said(topics):
    # "Lightweight" says how much a framework brings; with speed or memory it is about speed.
    assert topic_of(topics, "Lightweight") == "flexibility"
    assert topic_of(topics, "Ligero", "Un núcleo pequeño al que se añade lo que haga falta.") == "flexibility"
    assert topic_of(topics, "Lightweight and fast") == "performance"
    assert topic_of(topics, "Too heavy", "Far more than a small service needs.") == "flexibility"


def test_an_architecture_pattern_is_about_structure_not_templates(topics):
    assert (
        topic_of(topics, "MVT pattern", "Models, views and templates each have their place.") == "flexibility"
    )
    assert topic_of(topics, "Jinja templates", "Inheritance and macros keep pages short.") == "templating"


def test_production_ready_is_about_maturity(topics):
    assert topic_of(topics, "Robust", "Production-ready from the first release.") == "maturity-stability"
    assert topic_of(topics, "Robusto", "Listo para producción desde el primer día.") == "maturity-stability"
    # "Robust" alone yields to a specific word
    assert topic_of(topics, "Robust and scalable") == "scalability"


def test_a_word_that_describes_a_topic_word_gives_way_to_it(topics):
    assert topic_of(topics, "More mature ecosystem") == "ecosystem"
    assert topic_of(topics, "Stable ORM", "Its query API has barely changed in years.") == "orm-database"
    assert topic_of(topics, "Mature and stable") == "maturity-stability"


def test_knowing_a_language_first_is_about_learning(topics):
    assert (
        topic_of(topics, "", "The team should be comfortable with coroutines and type hints.")
        == "learning-curve"
    )
    assert topic_of(topics, "", "Exige que sepas JavaScript además de Python.") == "learning-curve"


def test_a_built_in_server_is_the_development_server(topics):
    assert topic_of(topics, "", "A built-in server and an interactive debugger.") == "productivity"
    assert topic_of(topics, "Eingebauter Webserver") == "productivity"
    assert topic_of(topics, "Runs behind gunicorn and nginx in production") == "deployment"


def test_a_claim_that_opens_with_a_concession_is_about_what_follows(topics):
    said = "Although it gives you flexibility and control, it takes a lot of configuration to set up."
    assert topic_of(topics, "", said) == "productivity"
    assert topic_of(topics, "", "Aunque es muy flexible, su rendimiento es bajo.") == "performance"
    # "while" that concedes nothing is read as usual
    assert topic_of(topics, "", "Reloads while you edit, so you see changes at once.") == "productivity"


def test_a_list_of_built_in_parts_is_about_what_comes_built_in(topics):
    assert topic_of(topics, "Everything", "ORM, admin panel, forms, login, migrations") == "productivity"
    assert (
        topic_of(topics, "", "Autenticación, caché, permisos, panel de administración, formularios")
        == "productivity"
    )
    # two parts are a claim about the first; a title that names a topic keeps it
    assert topic_of(topics, "Built-in ORM and admin panel") == "orm-database"
    assert topic_of(topics, "Admin", "Users, permissions, models and their tables, all editable") == "admin"
    # under a heading that names a topic, the heading decides
    assert topic_of(topics, "", "ORM, admin panel, login", headings=("## Admin",)) == "admin"
    # a title about another topic says what the list shows
    said = "Forms, ORM, templates and admin: a lot to take in before the first page works."
    assert topic_of(topics, "Steep learning curve", said) == "learning-curve"


def test_a_web_address_says_nothing(topics):
    assert topic_of(topics, "Source", "https://example.org/secure-framework") is None
    assert topic_of(topics, "HTTPS everywhere", "Redirects every request to HTTPS.") == "security"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Auto docs", "api-docs"),
        ("Speedy development", "productivity"),
        ("Big companies rely on it", "maturity-stability"),
        ("Easy to extend", "flexibility"),
    ],
)
def test_phrases_whose_words_alone_would_mislead(topics, title, expected):
    assert topic_of(topics, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mucho código repetitivo", "productivity"),
        ("自动重载", "productivity"),
        ("Мало готовых решений", "ecosystem"),
    ],
)
def test_more_words_in_the_languages_the_importer_reads(topics, title, expected):
    assert topic_of(topics, title) == expected
