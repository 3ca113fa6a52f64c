"""Crisis language: what gets the crisis answer at once, and what gets one gentle check first.

Two readings, both by rule, so a crisis never depends on a classifier alone:

- `crisis`: the message speaks of suicide or self-harm, directly ("I want to kill myself") or
  indirectly: passive ideation ("some nights I hope I just don't wake up"), being a burden
  ("my family would manage fine if I wasn't around"), means and plans ("I've been saving up my
  pills"), preparations and goodbyes, self-injury, and the usual shorthand ("kms",
  "unalive"). It gets 988 (the Suicide & Crisis Lifeline) and 911 and a staff flag.
- `check`: hopelessness that may or may not mean a risk to life ("what's the point of any of it
  anymore"), or a crisis reading that came from the intent classifier alone. It gets one
  direct question, "Are you having thoughts of hurting yourself?"; a yes gets the crisis
  answer, a no goes on where the conversation was.

Asking directly about suicide does not put the idea in anyone's head and is what screening
guidance recommends (the Columbia Suicide Severity Rating Scale screener, Posner et al., Am J
Psychiatry 168(12):1266-1277, 2011; the 988 Lifeline's "Ask" step). The phrase families follow
the warning signs the American Foundation for Suicide Prevention and 988 publish: talk of
wanting to die or of being a burden, looking for a way, withdrawing and saying goodbye, giving
possessions away.
"""

from __future__ import annotations

import re
from typing import Literal

CrisisReading = Literal["crisis", "check"]

_PILLS = (
    r"(pills?|tablets?|meds|medications?|painkillers|sleeping pills|oxy\w*|opioids|tramadol|"
    r"gabapentin|tylenol|paracetamol|acetaminophen|ibuprofen|codeine|morphine|xanax|ambien|"
    r"benzos|insulin|antidepressants|relaxants)"
)
_GONE = (
    r"(gone|dead|not (around|here)|no longer (around|here)|wasn'?t (around|here)|"
    r"weren'?t (around|here))"
)
_CRISIS = re.compile(
    r"\b("
    # direct
    r"kill(ing)? my ?self|end(ing)? (my|it) (life|all)|end it all|take my (own )?life|"
    r"want(ed)? to end it|end(ing)? things|hang(ing)? my ?self|"
    r"(going|gonna|planning|about) (to|2) end it\b|end it (tonight|tonite|today|soon)|"
    r"suicid\w*|sucid\w*|suicd\w*|sucicid\w*|suiside\w*|sui thoughts|unaliv\w*|"
    r"want(ed)? to die|wanna die|wish i (was|were) dead|"
    r"better off dead|rather be dead|kms|overdos\w*|"
    r"(i'?d|i would|we'?d|they'?d|everyone'?d|all) (be )?better off (gone|dead|without me)|"
    r"better off (if i was|if i were|with me) gone|"
    r"(quickest|easiest|painless|best|fastest|quick|easy) ways? to die|"
    r"ways? to (kill|end) (my ?self|it)|how to (kill my ?self|die)\b|"
    r"(finish|finishing) (my|my own) life|(end|take|finish) my own life|"
    r"(wish|want|wanting) to be dead|wish (i was|i were|to be) dead|"
    r"lived long enough|tonight'?s the night|"
    r"(pills|rope|gun|knife|razor|blade)s? (are )?(in front of me|ready|right here|next to me)|"
    r"(yeet|throw|hurl|launch) my ?self (off|in front|under|from)|"
    # passive ideation
    r"(isn'?t|not|is not|ain'?t) worth living|(isn'?t|not) worth it any ?more|"
    r"don'?t want to (wake up|live|be alive|be here|exist)( any ?more)?|"
    r"(not|no|don'?t|do not|dont)( think i| really| even)? (want|wanna) (to )?"
    r"(live|be alive|exist)|my own funeral|had enough of (living|life|being alive)|"
    r"(don'?t|dont|do not)( really| even)? (want|wanna) (to )?(b|be) (here|alive|around)|"
    r"(don'?t|do not|can'?t) see my ?self (living|alive|being (here|around|alive))|"
    r"i (want|wanna|going|gonna) (to )?kill me\b|"
    r"(wish|hope|pray)[^.?!]{0,20}(bus|car|truck|train|lorry) (would |will |to )?"
    r"(hit me|run me over|run over me|kill me)|"
    r"step (out )?in front of (a |the )?(bus|car|truck|train|lorry)|"
    r"don'?t trust my ?self (tonight|today|alone|right now)|"
    r"(hope|wish|pray) i (just |would )?(don'?t|never|won'?t|wouldn'?t|didn'?t) (wake|woke) up|"
    r"(sleep|go to sleep) and (never|not) wake up|if i (don'?t|didn'?t) wake up|"
    r"tired of (living|being alive|life)\b|"
    r"no (point|reason) (in )?(living|to live|going on|to keep (living|going))|"
    r"(don'?t|do not|can'?t|cannot) see (a |any |the )?(point|reason|why i should)"
    r"( in| to)? (keep |carry |go )?(living|going on|carry(ing)? on|waking up|be(ing)? alive|"
    r"live|carry on|go on)|"
    r"can'?t go on (anymore|any more|like this|living)|"
    r"(only|one) way out is to (not be|die|end)|not be here any ?more|"
    r"disappear(ed|ing)? (forever|for good|permanently)|ctb\b|catch the bus\b|"
    r"(not|stop|cease to) exist(ing)?\b|"
    r"(not|n'?t) (going to |gonna )?(be )?around (much |for )?(longer|long)|"
    r"(planning|going|want|wanting) (to not|not to) be (around|here)|"
    r"(tidying|sorting|getting) (things|everything|my affairs) (up |in order )?before i go\b"
    r"(?! to| on| back| in| out| for)|"
    # burden
    r"(better off|be fine|manage( fine)?|be free|cope|be happier|be easier|be relieved|"
    r"easier for (everyone|them|all|my \w+)) "
    r"(without me|if i ((was|were|'m|am) )?" + _GONE + r")|"
    r"(notice|care|miss me) if i ((was|were|'m|am) )?" + _GONE + r"|"
    r"(they'?d|would|will) (get|have) (the |my )?life insurance|"
    # means and plans
    r"(saving|saved|stockpil\w*|hoard\w*|collecting) (up )?(all )?(my |enough )?(\w+ )?"
    + _PILLS + r"|" + _PILLS + r" (lined up|counted out|ready)|"
    # "i have pills saved up and im going to take them tonight" got only the check, and a "no"
    # cleared it (patient newcomer test): pills kept back, a stash, a whole bottle at once
    + _PILLS + r" ((are|all) )?(stashed|stockpiled|hoarded)|"
    + _PILLS + r" (saved|put|set) (up|aside|away)|"
    r"stash(ed)? (of )?(my |some |enough )?" + _PILLS + r"|"
    r"(take|swallow) (the|a|that|this) whole (bottle|pack|packet|box|strip)( of (my |the |those "
    r"|these )?" + _PILLS + r")?(?! of)|"
    r"swallow everything|(take|swallow) everything in the (medicine )?(cabinet|cupboard)|"
    r"(gun|firearm|pistol|rifle|shotgun)\b[^.?!]{0,80}\b(thinking|holding|use it|myself|end)|"
    r"(edge|ledge) of (the |a |my )?(roof|bridge|building|cliff|balcony|platform)|"
    r"(tied|tie|tying) (a |my )?(belt|rope|cord|noose|sheet|scarf)[^.?!]{0,50}"
    r"(weight|neck|rail|beam|hook)|noose|"
    r"enough " + _PILLS + r" saved|"
    r"how many (of )?(my )?" + _PILLS + r"\b[^.?!]{0,30}\b(take|kill|die)|"
    r"(take|taking|swallow\w*) all (of )?my " + _PILLS + r"|"
    r"(jump|jumping|step|stepping) (off|from|in front of) (a |the )?"
    r"(bridge|roof|building|platform|train|cliff)|"
    r"(driv\w+|crash\w*) (my car )?into (a |the )?(wall|tree|truck|bridge)|"
    r"(platform|bridge|ledge|edge|roof)\b[^.?!]{0,60}\b(step\w* off|jump\w*)|"
    r"rope in the|bought a rope|(how|where|when) i'?d do it|"
    r"(going|gonna|planning|plan|want|decided) (to|2) (slit|drown|hang|shoot|poison|gas|starve) "
    r"my ?(self|wrists?|throat)?|(slit|slitting) my (wrists?|throat)|"
    r"(drown|starve|poison|shoot|gas)(ing)? my ?self|a plan and the means|"
    r"(planning|plan) (not )?to (not )?be (alive|dead)|hoping (to die|it kills me|one gets me)|"
    r"finish(ed|ing)? the job|(thinking|thought) (about|of) ending it\b|ending it all|"
    r"this is my last message|my last (message|text|goodbye)|check out permanently|"
    r"how many\b[^.?!]{0,50}\b(would it take|to (not wake up|die|kill me|end it))|"
    r"(open|opening|slash\w*|slit\w*) my (own )?(wrists?|veins|throat|arms?|legs?)|"
    r"(stop|stopping) (eating|drinking)( and (eating|drinking))? until|body gives (up|out)|"
    r"wanted it to hurt( more)?|(bite|biting|bit) my (own )?(arms?|hands?|skin)|"
    r"(ripped|ripping|tore|tearing|pulled) (out )?my (own )?stitches|"
    r"(hot|burning) (iron|pan|lighter|cigarette)s? (against|on|into) my|"
    r"(belt|rope|cord|noose|scarf|ligature) (around|round) my neck|"
    r"(drink|drinking|swallow\w*) (the )?(antifreeze|bleach|poison|weedkiller)|"
    r"(car|engine) running[^.?!]{0,30}(garage|shut)|(shut|closed) garage[^.?!]{0,40}engine|"
    r"(step\w*|jump\w*|throw\w*|lie|lying) (out )?(in front of|under|off)\b[^.?!]{0,30}\b"
    r"(train|bus|truck|bridge|roof|building|garage|overpass|cliff)|"
    r"(slam\w*|bang\w*|hit\w*|punch\w*) my (own )?head (against|into|on)|"
    r"(pray|hope|wish)[^.?!]{0,30}(heart|body) (just )?(gives? out|stops?)|"
    r"not (coming|come) back (out|up)|(walk\w*|wad\w*) into the (river|sea|lake|ocean)|"
    r"" + _PILLS + r" (are |is )?(lined up|counted out|ready)|"
    r"(every|all the|all of the|all my) (\w+ )?" + _PILLS + r"|"
    r"(driv\w+|crash\w*|steer\w*) (my car |the car )?into (a |the )?\w+ "
    r"(pillar|wall|tree|truck|bridge|barrier|abutment)|crashed my car on purpose|"
    r"(swallowed|took|taken|downed) (a bunch|a load|loads|a handful|lots|all) of (my )?\w+|"
    r"(putting|put|setting|set|keeping|kept) aside (all )?(my |enough )?(\w+ )?" + _PILLS + r"|"
    r"take them all (at once|together|tonight)|"
    r"exhaust (hose|pipe)|hose (to|on) the exhaust|carbon monoxide|charcoal (in|and) (the|my) "
    r"(car|room|tent)|(courage|guts|nerve) to (do it|use it|go through with it|end)|"
    r"use (it|them) on my ?self|"
    r"(cut|burn|carv)\w* my (arms?|thighs?|wrists?|legs?|skin|stomach|belly)\b"
    r"(?![^.?!]*\b(cooking|chopping|shaving|accident|gardening|on|while|at work))|"
    r"can'?t stop hurting my ?self|(skip\w*|stop\w*) (my |taking my )?[\w ]{0,20}"
    r"(meds|medication|medicine|pills|insulin|dialysis)\b[^.?!]{0,40}"
    r"(on purpose|give out|so (it|i)|hoping)|"
    r"enough to (not come back|not wake up|never wake up|kill me|end it|do it)|"
    r"(took|taken|swallowed|downed) (a |the )?(whole|entire|full) (bottle|pack|packet|box|strip)|"
    r"(angry|sorry|upset) (that )?it didn'?t work|next time i'?ll (get it right|do it properly)|"
    r"hoping i (just )?(wouldn'?t|won'?t|don'?t|didn'?t|would not|never) wake up|"
    r"(researching|looking up|googling|reading about|searching)[^.?!]{0,25}"
    r"(ways? to die|how to die|suicide|overdose|lethal dose)|lethal dose|"
    r"stopped taking[^.?!]{0,40}(on purpose|so (it|i) (will|would|can))|"
    # preparations and goodbyes
    r"said (my )?goodbyes?|(written|wrote|writing|left) (goodbye )?(letters|notes?) (to|for) "
    r"(my|the|everyone)|(put|putting|got) my affairs in order|"
    r"given away (all )?my|giving away (all )?my|won'?t be (needing|around (by|for|much)|here by)|"
    # self-injury
    r"(want|going|thinking about|tempted|urge) to (hurt|harm|cut|burn) my ?self|"
    r"(harm\w*|cut\w*|burn\w*) my ?self"
    r"(?! (chopping|cooking|shaving|on|with a|by accident|ironing))|"
    r"hurt(ing)? my ?self (on purpose|to feel|deliberately)|keep hurting my ?self|"
    r"self[- ]?harm\w*|razor blade|"
    r"(?<!by accident )(burn|cut|hurt|slic|carv|scratch)\w* "
    r"(my ?self|my (arms?|wrists?|thighs?|legs?|skin|stomach|belly))\b"
    r"(?![^.?!]*\b(cooking|chopping|shaving|accident|gardening))[^.?!]{0,30}\b"
    r"(lighter|razor|knife|blade|glass|cigarette)s?\b|"
    # harm done on purpose: "scratching my skin till it bleeds on purpose", "stamping on my bad
    # ankle on purpose", "took extra relaxants on purpose"
    r"(burn|cut|scratch|hit|punch|stamp|bang|starv|hurt|harm|slash|bit|bite|pick|took|take|"
    r"swallow|making it worse)\w*\b[^.?!]{0,60}\b(on purpose|deliberately|intentionally)|"
    r"(on purpose|deliberately|intentionally)[^.?!]{0,30}\b(burn|cut|scratch|hit|punch|stamp|"
    r"hurt|harm|overdos|starv)\w*|i deserve (the|this) pain|"
    # blind intent set (issue 12): cutting said on its own, looking for a way, leaving soon
    r"(been|started|keep|am|i'?m|im) cutting (my ?self|again)|cutting my ?self again|"
    r"(looked|looking|searched|searching|googled|googling|read|reading) (up )?"
    r"(ways|how) to (die|end it|kill my ?self|end my life)|"
    r"(i'?ll|i will|i'?m going to|im gonna|i'?m gonna) be gone (soon|anyway|for good)|"
    r"not the pain,? (it'?s )?me\W+(i'?m |im )?(done|finished)|"
    r"won'?t be (here|around) much longer(?! in| at| because| as i'?m (moving|leaving))|"
    r"won'?t need (any|an|the|my) (appointments?|booking|bookings) (after (tonight|today)"
    r"|where)|"
    r"won'?t need\b[^.?!]{0,30}\bwhere i'?m going|(need|needing) nothing where i'?m going"
    r")\b",
    re.IGNORECASE,
)
_CHECK = re.compile(
    r"\b("
    r"what'?s the point (of (it all|any of it|anything|life|living|going on|me)|any ?more)|"
    r"what is the point (of (it all|any of it|anything|life|living)|any ?more)|"
    r"can'?t see a future|no future for me|"
    r"i'?m (just )?a burden|i am (just )?a burden|"
    r"(done|finished) with (life|everything|it all)|give up on (life|everything)|"
    r"(wish|want) (it|everything) (would|to) (just )?(stop|end) for good|"
    # "i just want it all to end" (read as "stop": the chat ended; review)
    r"(wish|want|wanting|need) (it all|everything|all of it|all this|all of this) (would |to )"
    r"(just )?(end|stop|be over)(?! (hurting|aching|throbbing|burning))|(wish|want) it (would |to )"
    r"all (just )?(end|stop|be over)(?! (hurting|aching|throbbing|burning))|"
    r"nothing to live for|no way out|sleep forever|made peace with it|the means|"
    r"(paid|paying|pay) off (the last of )?my (bills|debts)|ready to go now|"
    r"(given|gave|giving) (away )?(my|all my) [\w ]{1,20}\b(to (my|a|the)|away)\b|"
    r"don'?t see (the|any) point (in|of) (anything|any of it|living|going on|life|it all)|"
    r"don'?t see (the|any) point any ?more|"
    r"(pills|tablets|meds) saved( up)?|sav(ed|ing) up (my |some |all (my )?)?(pills|tablets|meds)|"
    r"meet my maker|can'?t live like this|can'?t do this any ?more|"
    r"(s?he|they|my \w+) (says|said|keeps saying|has said|talks about|talking about) "
    r"(s?he|they) (wants?|wanted|wishes|wished) to (die|end it|be dead)|"
    r"(s?he|they|my \w+) (says|said|keeps saying|has said) (s?he|they) (doesn'?t|don'?t) want "
    r"to (live|be here)|"
    r"(i'?m|im|i am) done trying(?! (the|to|with|these|those|different|new|that|this|it))|"
    r"(looked|looking|searched) up ways(?! to)|"
    r"(i'?ll|i will) be gone by (?!\d|noon|then|the time|lunch|[1-9])|"
    r"(die|dying|dead|death|suicide|overdose|on purpose|deliberately|burden|disappear|"
    r"(say|saying|said|says) (my |our )?goodbyes?|goodbye (letters?|notes?|to (everyone|all|my))|"
    r"funeral|hurt(ing)? my ?self|harm(ing)? my ?self|jump(ing)? off|end it|"
    r"noose|antifreeze|bleach|box cutter|razor|blade|"
    r"not (be )?around|last message|in front of (a|the) (train|bus|truck)|platform|"
    r"engine running|exhaust)"
    r")\b",
    re.IGNORECASE,
)
# Figures of speech about pain and life that the broad words of `_CHECK` must not catch.
_FIGURES = re.compile(
    r"\b(dying (to|for)|die (of|from) (embarrassment|laughter|shame|boredom)|"
    r"(killing|murdering|slaughtering) me|kill for|death of me|dying over here|"
    r"(nerve|nerves|tissue|tooth|battery|phone|leg|arm|hand|foot) (is |was |went |has gone |"
    r"have gone |gone |feels? )?(all )?dead|"
    r"go on (long |a |my |any )?(walks?|hikes?|runs?|holidays?|vacations?|trips?|the bike)|"
    r"tired of living with (this|the|my|chronic)|can'?t do this any ?more with (the|my|this)|"
    r"can'?t go on like this[^.?!]{0,30}\bwithout "
    r"(some |any )?(help|treatment|therapy|physio|pt)|"
    r"dead (tired|on my feet|weight|"
    r"end|lift\w*|serious|set|sure|easy|center|centre|spot)|deadlifts?|deadlines?|"
    r"(is|was|are|were|looks?|tastes?) to die for|bored to death|scared to death|"
    r"sick to death|dead(ly)? (boring|dull)|"
    r"(my|the|his|her|their) ((left|right) )?(leg|arm|foot|hand|side) (is|went|goes|feels|has "
    r"gone|gone) (all )?dead|dead leg|dead arm|"
    r"on purpose(ly)? (built|designed)|deliberately (slow|slowly|gentle|gently|light)|"
    r"(die|dying|died) (down|off|away)|(pain|ache|it) (dies|died) (down|off|away)|"
    r"want to die a little( bit)? inside|die a little( bit)? inside|"
    r"(jump|jumping|jumped) off (the |a )?(step|box|bench|curb|kerb|stairs?|ladder|bed|trampoline)|"
    r"goodbye to (my|the) (pain|sport|game|running|tennis|golf|gym)|"
    r"shoot(ing)? my ?self in the foot|dying here|dead and buried|death warmed (up|over)|"
    r"dead on arrival|wants? me dead|end of (my|the) rope|learn(ing)? the ropes|"
    r"(jump|skipping|skip) rope|rope (climb\w*|skipping)|dead to (me|them|him|her))\b",
    re.IGNORECASE,
)
# A whole message that says the person is not safe: after the crisis answer, "I'm not safe" was
# read as the "I'm safe" button. Crisis, whatever the classifier says.
_NOT_SAFE = re.compile(
    r"^\W*(?:no+\W*)?(?:i'?m|i am|im|i)?\s*(?:really |just )?"
    r"(?:not|don'?t feel|do not feel|not feeling|never)\s*(?:really |very )?safe"
    r"(?: at all| right now| now| tonight| today| anymore| any more)?\W*$",
    re.IGNORECASE,
)
# ... and one that says they are not OK, or not safe in a longer sentence ("I don't feel safe
# on the stairs" is about falls): the check question.
_NOT_OK = re.compile(
    r"^\W*(?:no+\W*)?(?:i'?m|i am|im)\s*(?:really |just )?not\s*(?:ok|okay|alright|all right|"
    r"fine|good)(?: at all| right now| now)?\W*$|\bnot (?:feeling )?safe\b|\bunsafe\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(not|never|no longer|don'?t|am not|i'?m not)\s+(feeling\s+)?suicidal\b", re.IGNORECASE
)


# A wish to die denied or explained away: "I never said I wanted to die", "I don't want to die"
# (it set off the crisis answer for a patient who had just said they were safe: newcomer test).
_DENIED_WISH = re.compile(
    r"\b(?:(?:never|didn'?t|did not|not|wasn'?t|was not) (?:said|say|saying|mean|meant|"
    r"saying that|meaning)(?: that)? i (?:want(?:ed)?|wanna|was going|meant) to (?:die|kill "
    r"my ?self|end it(?: all)?|hurt my ?self)|i (?:do not|don'?t|dont) want to die)\b",
    re.IGNORECASE,
)
# Crisis language in the languages patients of a US clinic most often write besides English
# (Spanish, French, Portuguese, Italian): "ya no quiero vivir" and "je veux mourir" got the
# English-only notice and no 988 (newcomer test). The crisis answer goes out in English with
# 988, which answers in Spanish too; the staff flag is the same.
_CRISIS_OTHER = re.compile(
    r"\b(?:(?:ya )?no quiero (?:vivir|seguir viviendo|estar aqu[ií])|(?:me )?quiero morir(?:me)?|"
    r"quisiera morir(?:me)?|matarme|suicid(?:a|as|arme|arse|ar|io|er)|quitarme la vida|"
    r"acabar con mi vida|"
    r"je veux mourir|envie de mourir|me suicider|me tuer|en finir|plus envie de vivre|"
    r"quero morrer|me matar|tirar minha vida|n[aã]o quero (?:mais )?viver|"
    r"voglio morire|uccidermi|togliermi la vita|farla finita)\b",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return text[:10000].replace("’", "'").replace("‘", "'")


def is_crisis_language(text: str | None) -> bool:
    """True when a message speaks of self-harm or suicide ("not suicidal" is not flagged)."""
    if not text:
        return False
    if _NOT_SAFE.match(_clean(text)):
        return True
    text = _FIGURES.sub(" ", _clean(text))
    if _CRISIS_OTHER.search(text):
        return True
    if _NEGATED.search(text) and not _CRISIS.search(_NEGATED.sub("", text)):
        return False
    if _DENIED_WISH.search(text) and not _CRISIS.search(_DENIED_WISH.sub(" ", text)):
        return False
    return bool(_CRISIS.search(text))


# The people patients write about: a relative, or one they have lost.
KIN = (
    r"(?:husband|wife|partner|son|daughter|mum|mom|mam|mother|dad|father|brother|sister|friend|"
    r"grandma|grandmother|grandpa|grandfather|nan|gran|aunt|uncle|child|kid)"
)
# "Some days I'd rather be with him", said of a husband who died: joining the dead.
_JOIN_DEAD = re.compile(
    r"\b(?:rather|wish i could|long to|can'?t wait to|(?:just |only )?want to) be with "
    r"(?:him|her|them|my late \w+)\b"
    r"|\bjoin (?:him|her|them) (?:in heaven|up there|soon)\b",
    re.IGNORECASE,
)
_DEATH = re.compile(r"\b(?:passed|died|lost|late|heaven|grave|funeral|widow\w*)\b", re.I)


def crisis_reading(text: str | None, classified_crisis: bool = False) -> CrisisReading | None:
    """`crisis` for crisis language, `check` for hopelessness or a crisis reading that only the
    intent classifier made (`classified_crisis`), else None."""
    if is_crisis_language(text):
        return "crisis"
    if text and _JOIN_DEAD.search(_clean(text)) and _DEATH.search(_clean(text)):
        return "check"
    if text and _NOT_OK.search(_clean(text)):
        return "check"
    plain = _DENIED_WISH.sub(" ", _FIGURES.sub(" ", _clean(text))) if text else ""
    if plain and _CHECK.search(plain):
        return "check"
    if classified_crisis and not _FRUSTRATION.search(plain):
        return "check"
    return None


# Frustration with the pain that the classifier can take for a crisis ("honestly I'm at my
# wits' end with this"): with no crisis or hopelessness words, it is pain talk (issue 13's
# ordinary messages).
_FRUSTRATION = re.compile(
    r"\b(?:wits'?\s*end|fed up|sick (?:and tired )?of|had enough of|end of my tether|"
    r"driving me (?:crazy|mad|nuts|insane)|at the end of my rope)\b",
    re.IGNORECASE,
)

