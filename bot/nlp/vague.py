"""Time said without a number: "for years" (104 weeks), "for ages" (chronic), "since my surgery".

These never carry a measured length except bare "years", which the spec reads as 104 weeks.
"""

from __future__ import annotations

import re

from bot.nlp.model import STATUS_NO_ANCHOR, STATUS_STRADDLES, Span, TimeMention

YEARS_WEEKS = 104.0  # the spec's fixed reading of "years" with no number

_ON_OFF = r"(?:(?:on\s+and\s+off|off\s+and\s+on|on\s+and\s+of|on\s+&\s+off)\s+)?"
_BARE_UNIT = re.compile(
    rf"(?<![\w-]){_ON_OFF}(?:"
    r"(?:for|been|over|since)\s+(?:(?:many|so\s+many|a\s+lot\s+of|lots\s+of|several)\s+)?"
    r"|(?:many|so\s+many|a\s+lot\s+of|lots\s+of)\s+)?"
    r"(?P<unit>days|weeks|wks|months|mnths|mths|years|yrs|yeras|yeers|decades)"
    r"(?:\s+and\s+(?P=unit))?"
    r"(?P<tail>\s+(?:now|ago|already))?(?![\w-])",
    re.IGNORECASE,
)
_BARE_SPELLING = {"wks": "weeks", "mnths": "months", "mths": "months", "yrs": "years",
                  "yeras": "years", "yeers": "years"}
# "a number of years", "many years", "donkey's years": years with no number, which the data
# dictionary reads as 104 weeks, `YEARS_WEEKS` (the corpus labelling brief said 156.5; the
# dictionary wins).
_MANY_YEARS = re.compile(
    r"(?<![\w-])(?:(?:for\s+)?(?:a\s+(?:good\s+)?number\s+of|(?:quite\s+)?a\s+(?:good\s+)?few|many"
    r"|so\s+many|several|a\s+lot\s+of|lots\s+of|umpteen|donkey'?s)\s+(?:years|yrs|yeras))(?![\w-])",
    re.IGNORECASE,
)
_CHRONIC = re.compile(
    r"(?<![\w-])(?:(?:for|been|in)\s+(?:ages|eons)(?:\s+and\s+ages)?|forever|for\s+ever|4\s?ever"
    r"|(?:my\s+)?(?:whole|entire)\s+(?:adult\s+)?life|all\s+my\s+(?:adult\s+)?life"
    r"|as\s+long\s+as\s+i\s+can\s+remember"
    r"|(?:ever\s+)?since\s+(?:i\s+was\s+)?(?:a\s+)?(?:teen|teenager|kid|child|little\s+(?:kid|girl|boy)"
    r"|little|young|youngster|boy|girl|baby|toddler|in\s+(?:high\s+school|college|school|the\s+army"
    r"|the\s+military|my\s+(?:teens|twenties|thirties|20s|30s)))"
    r"|(?:ever\s+)?since\s+(?:childhood|high\s+school|college|grade\s+school|middle\s+school"
    r"|my\s+(?:teens|teen\s+years|twenties|thirties|forties|20s|30s|40s|youth|childhood)))"
    r"(?![\w-])",
    re.IGNORECASE,
)
_EVENT = (
    r"surgery|surgeries|operation|op|accident|crash|wreck|collision|fall|injury|procedure"
    r"|pregnancy|baby|delivery|birth|c-section|covid|stroke|chemo|treatment|injection|shot"
    r"|replacement|incident|game|match|race|marathon|workout|move|trip|vacation|holidays"
    r"|new\s+job|job|promotion|divorce|funeral"
)
_NO_ANCHOR = re.compile(
    r"(?<![\w-])(?:(?:for\s+)?(?:quite\s+)?a\s+(?:little\s+|good\s+|long\s+)?while(?:\s+now)?"
    r"|(?:for\s+)?(?:a\s+)?(?:very\s+)?(?:long|some)\s+time(?:\s+now)?"
    rf"|(?:ever\s+)?(?:since|after)\s+(?:(?:my|the|that|this|his|her|our|a|an)\s+)?"
    rf"(?:[\w'-]+\s+){{0,2}}?(?:{_EVENT})"
    r"|(?:ever\s+)?since\s+i\s+(?:fell|slipped|tripped|had|got|was|started|moved|hurt|injured"
    r"|twisted|sprained|pulled|strained|lifted|did|went|gave|broke|changed|switched|retired|quit"
    r"|took|began|delivered|landed|crashed|turned)\b(?:\s+(?!and\b|but\b)[\w']+){0,3}"
    r"|(?:ever\s+)?since\s+(?:then|that\s+day|that\s+time|that)"
    r"|ever\s+since(?:\s+(?!and\b|but\b)[\w']+){1,3})(?![\w-])",
    re.IGNORECASE,
)


def _span(text: str, m: re.Match[str]) -> Span:
    return Span(m.start(), m.end(), text[m.start() : m.end()])


def vague_mentions(text: str) -> list[TimeMention]:
    """Time phrases without a number, in order of appearance."""
    mentions = [TimeMention(_span(text, m), weeks=YEARS_WEEKS, score=1)
                for m in _MANY_YEARS.finditer(text)]
    many = [(m.span.start, m.span.end) for m in mentions]
    for m in _BARE_UNIT.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in many):
            continue
        said = m.group(0).lower()
        has_lead = bool(re.match(r"(on|off|for|been|over|since|many|so|a\s+lot|lots)", said))
        whole_answer = text.strip(" \t\n.!?,").lower() == said
        # "years, neck": the answer comes first, then the rest.
        opens = not text[: m.start()].strip() and bool(re.match(r"\s*[,.;!-]", text[m.end() :]))
        if not (has_lead or m.group("tail") or whole_answer or opens):
            continue  # "weeks" inside a story says nothing about this pain
        unit = _BARE_SPELLING.get(m.group("unit").lower(), m.group("unit").lower())
        span = _span(text, m)
        if unit == "years":
            mentions.append(TimeMention(span, weeks=YEARS_WEEKS, score=1))
        elif unit == "decades":
            mentions.append(TimeMention(span, pain_class="chronic", pain_stage="chronic"))
        elif unit == "months":
            # "for months" may be 2 or 10: it straddles 12 weeks, so the assistant asks.
            mentions.append(TimeMention(span, status=STATUS_STRADDLES))
        elif unit == "weeks":
            mentions.append(TimeMention(span, pain_class="acute"))  # stage: 2 or 10 weeks?
        else:
            mentions.append(TimeMention(span, pain_class="acute", pain_stage="acute"))
    for m in _CHRONIC.finditer(text):
        mentions.append(TimeMention(_span(text, m), pain_class="chronic", pain_stage="chronic"))
    for m in _NO_ANCHOR.finditer(text):
        mentions.append(TimeMention(_span(text, m), status=STATUS_NO_ANCHOR, score=-1))
    return mentions
