"""Dates written the way each language writes them: "5 febbraio 2025", "10 Mart 2025",
"3 марта 2024 г.", "2024年10月5日", "2025년 3월 2일", "ngày 22 tháng 4 năm 2025"."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada "
    "grudnia",
    "pl_nominative": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik "
    "listopad grudzień",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "ru_nominative": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "tr": "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "id": "januari februari maret april mei juni juli agustus september oktober november desember",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
}
MONTHS: dict[str, int] = {}
for _names in _MONTHS.values():
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS.setdefault(_name, _number)
MONTHS |= {"setiembre": 9, "jänner": 1, "marco": 3, "fevrier": 2, "aout": 8, "decembre": 12}

_WORD = r"([^\W\d_]{3,12})\.?"
_DAY_FIRST = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:er|º|\.)?\s+(?:de\s+)?{_WORD},?\s+(?:de\s+)?(\d{{4}})(?!\d)", re.I
)
_MONTH_FIRST = re.compile(rf"(?<![^\W\d_]){_WORD}\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.I)
_CJK = re.compile(r"(?<!\d)(\d{4})\s*[年년.]\s*(\d{1,2})\s*[月월.]\s*(\d{1,2})\s*[日일]?")
_VIETNAMESE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)


def local_date(text: str) -> tuple[date, re.Match] | None:
    """The first date `text` writes in one of the forms above, and where it stands."""
    forms = ((_CJK, "ymd"), (_VIETNAMESE, "dmy"), (_DAY_FIRST, "dMy"), (_MONTH_FIRST, "Mdy"))
    for pattern, order in forms:
        match = pattern.search(text[:300])
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = int(parts["m"]) if "m" in parts else MONTHS.get(parts["M"].lower())
        try:
            return date(int(parts["y"]), month, int(parts["d"])), match
        except (TypeError, ValueError):
            continue
    return None
