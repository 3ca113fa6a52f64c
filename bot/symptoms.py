"""What a patient's own words say about warning signs: named features found in free text.

Each feature is a regular expression over the message (`FEATURES`): a body part ("calf_leg"),
a symptom ("swelling", "dysarthria") or a risk context ("clot_risk", "old_age", "smoker"). The
warning-sign table (`bot.warning_signs`) combines them into triggers. A feature does not count
when it is negated in its clause ("no swelling", "bladder and bowels all normal"), when a
history feature is a relative's ("my dad had cancer"), or when its `UNLESS` feature is present
("fell" but "the hospital checked me over").

`find_features(text)` -> {feature name: `Found`}, the first counting match of each.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_W = r"(?:\W+\w+){0,4}\W+"  # up to four words between two parts of a phrase
# The patient or the relative they write for: "wet myself", "he did wet himself a bit", "she
# can't tell when she needs to pee" (a relative's bladder was asked again: patient newcomer test).
_SELF = r"(my ?self|mysle?f|myslef|him ?self|her ?self|them ?selves|them ?self)"
_OWN = r"(my|his|her|their)"
_WHO = r"(i|he|she|they)"
# ... but a small child's accidents are no warning sign ("my toddler wet himself", "potty
# training and can't tell when he needs to go": review); see UNLESS.
_REST = r"(?:when|while|whenever|if|as soon as) (?:i|i'm|im|i am|i was) "

_NOW_NAMED = (
    r"\b((i'?m|im|i am|he'?s|hes|she'?s|shes|he is|she is|they'?re|they are|(i|he|she) (might|"
    r"could|may) be|(i|we) think (i'?m|im|i am|he'?s|she'?s|he is|she is|it'?s|its|this is)|am "
    r"i|is (he|she)|my \w+ (is|'?s)) having|(is|could|might|may) (this|it|that) be|is (this|it|"
    r"that)|(think|feel "
    r"like|feels like|worried|scared|afraid) (it'?s|its|this is|i'?m having|im having|i am "
    r"having)|it'?s|its|maybe|like) (a |an )?"
)

# Someone else, as a patient or a relative names them: "he", "my husband", "dad".
_PERSON = (
    r"he|she|they|(my|our) (\w+ )?(husband|wife|partner|son|daughter|mum|mom|mother|dad|father|"
    r"brother|sister|friend|grandma|grandmother|grandpa|grandfather|nan|gran|aunt|uncle|child|"
    r"kid|neighbou?r|boss|coworker|colleague)|mum|mom|dad"
)
# ... and family named without "my": "husband collapsed on the floor" (fourth newcomer pass).
_PERSON_BARE = r"husband|wife|hubby|partner|grandad|granddad|grandpa|grandma|nan|gran"
# The emergency's name as a sentence of its own, with at most a cry for help: "heart attack",
# "HEART ATTACK!!", "stroke help" got the duration question (newcomer test).
_BARE = (
    r"(?:^|[.!?;]\s*)\W*((also|and|but|oh|btw|help|please|omg|quick|hurry|now|i think|think|"
    r"having|a|an|call 911|911)\W+){{0,4}}{}(\W+(now|help|please|right now|i think|call 911|911|"
    r"hurry|quick|happening|help me)){{0,3}}(?=\s*([.!?;]|$))"
)


# Up to 25 characters inside one clause with no denial in them: "jaw aches when I chew", not
# "jaw doesn't hurt when I eat" (review).
_GAP = r"(?:(?!\b(?:not|no|never|doesn'?t|don'?t|isn'?t|without|fine)\b)[^.!?;,]){0,25}"
# A hedge after the verb: "her face looks a bit lopsided", "my face is slightly numb".
_HEDGE = (
    r"((a bit|abit|a little|a tiny bit|a little bit|slightly|somewhat|kind of|kinda|sort of|sorta|"
    r"all|really|very|quite) )?"
)
# An eye, a scalp or a headache told as old history: "lost the sight in my left eye as a child",
# "tension headaches at my temples for 20 years" (review). `_OLD_HISTORY` is the part that
# fainting shares ("fainted as a kid").
_OLD_HISTORY = r"years? ago|last year|in (19|20)\d\d|as a (kid|child|baby|teen\w*)"
_NOT_OLD = rf"(?![^.!?]{{0,40}}\b({_OLD_HISTORY}|when i was)\b)"
_LONG_STANDING = (
    rf"(?![^.!?]{{0,40}}\b({_OLD_HISTORY}|for (\d+|many|a few|some|several|twenty|ten) years|"
    r"since (birth|childhood|i was)|when i was|nothing new|glaucoma|"
    r"(without|need) (my )?(reading )?glasses|reading glasses)\b)"
)


def _aged(years: str, decade: str, decades: str) -> str:
    """A pattern for a patient or relative of an age in `years` (a regex group of numbers):
    "I'm 79", "aged 70", "70+", "(81)", "72 yo", "in my seventies", "mum is 81"."""
    # review: "in her 80s", "79-year-old", "mum, 81,", "nan is 92", "hes 79"; not "50+ pushups"
    # nor "im 50/50 on it"
    return (
        rf"\b(i'?m|im|i am|aged?)\s*{years}\b(?![/%]|\.\d)|\b{decade}\s*\+(?!\s*[a-z])|\({years}\)|"
        rf"\b{years}[\s-]*(yo|y/o|yrs?|years?)\b(?![\s-]*(of|ago)\b)|\bin (my|his|her|their) "
        rf"({decades}|{decade}'?s)\b|\b(he|she|dad|mum|mom|grand\w+|father|mother|husband|wife|"
        rf"partner|nan|nana|gran|granny|aunt|uncle)('s|s| is|,) {years}\b"
    )


FEATURES: dict[str, str] = {
    # body parts
    "calf_leg": r"\b(calf|calves|shins?|legs?|thighs?)\b",
    "leg_surgery": r"\b(knee|hip|ankle|leg|foot)\W+(\w+\W+)?(surgery|replacement|operation|op|"
    r"arthroscop\w*|scope)\b|\b(surgery|operation|op) on (my|the) (knee|hip|ankle|leg|foot)"
    # "my ACL reconstruction", "had my hip replaced", "since I got my new knee"
    r"|\b(acl|mcl|meniscus|achilles|bunion|ankle|knee|hip)\W+(\w+\W+)?(repair|reconstruction|"
    r"replaced|repaired|fusion|pinned|plated)\b",
    # surgery or travel that is not recent: "on the waiting list for a knee replacement", "a knee
    # scope in 1998", "my knee hurts on long flights" opened the clot questions (review)
    "not_recent": r"\b(waiting list|on the list for|scheduled|booked (in )?for|going to (have|get)|"
    r"needs? (a|an|to have)|eventually|scared of|afraid of|thinking (about|of)|considering|will "
    r"(have|need)|might need|(next|this coming) (week|month)|in the future|(\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten|many|several|a few|few) years? ago|years back|last year|"
    r"in (19|20)\d\d|flight attendant|cabin crew|pilot|on (long )?flights)\b",
    # a fall or accident told as long past: "a fall 3 years ago", "in 2019", "last year" (only
    # these: "scared of moving her" or "needs a hand" beside a fall today are no past; review)
    "long_ago": r"\b((\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|a few|few|a "
    r"couple of|couple of) years? ago|years (ago|back)|a year ago|last year|in (19|20)\d\d)\b",
    # a part of the lower limb below the hip joint or at it, for risk context without the calf
    "lower_limb": r"\b(knees?|ankles?|feet|foot|hips?|achilles|heels?)\b",
    # a joint, for a hot swollen joint with fever (septic arthritis); the knee and hip are also
    # `lower_limb`
    # ... never the joint of an operation ("my calf went red, hot and puffy after my knee
    # surgery" was asked about a hot joint: newcomer test)
    "joint": r"\b(knees?|ankles?|hips?|elbows?|wrists?|shoulders?|knuckles?|joints?|big toe)\b"
    r"(?!\W+(\w+\W+)?(surgery|replacement|replaced|operation|op|scope|arthroscopy|repair|"
    r"reconstruction))",
    "neck": r"\b(neck|cervical)\b",
    "neck_move": r"\b(look(ing)? up|turn(ing)? my head|tilt(ing)? my head|bend(ing)? my (head|"
    r"neck)|move my (head|neck))\b",
    "upper_body": r"\b(arms?|jaw|shoulders?|shoulder blades|upper back|neck)\b",
    "jaw": r"\bjaw\b",
    "back_belly": r"\b(back|belly|tummy|stomach|abdomen|abdominal|belly button|navel|shoulder "
    r"blades)\b",
    # clots in the leg and lung
    "swelling": r"\b(swollen|swelling|swelled|swell(s|ing)? up|puff(y|ed|ing)|(way |much |a lot "
    r")?(bigger|fatter|larger) than the other|tight and shiny|shiny and (tight|bigger|swollen))\b"
    # held-out set 5: "feels like someone's pumped it up", "my sock is digging in on that side"
    r"|\bpumped (it |them )?up\b|\bsocks? (is |are )?(digging|cutting) in\b"
    # "elbow is massive, red and hot" (booked with no flag: newcomer test)
    r"|\b(is|looks|gone|went|got|blown up) (massive|huge|enormous|like a balloon|twice (the|its) "
    r"(normal )?size)\b|\bballooned\b|\btwice (the|its) (normal )?size\b|\bmassive(ly)? swollen\b",
    "warm_red": r"\b(red|redness|reddish|purple|purplish|discolou?r\w*|inflamed|hot(?! (shower|"
    r"bath|water|tub|pack|compress|weather|day|yoga))|warm(th)?(?! (up|bath|shower|water|"
    r"compress|weather|day))|veins (look|are|seem) (more )?(visible|bulging|swollen))\b",
    "calf_tender": r"\btender\b|\b(hurts?|pain\w*) when i (pull|point|flex|bend) (my )?(foot|"
    r"toes)( up)?",
    "clot_risk": r"\b(surgery|operation|post[- ]?op|replacement|(plaster )?cast|immobili[sz]\w*|"
    r"bed ?rest|(stuck|laid up|confined) in bed|bedridden|long[- ]haul|flights?|flew|flying|"
    r"plane|on "
    r"the pill|contracepti\w*|pregnan\w*|gave birth|postpartum|blood clots?|dvt)\b",
    # breathless at rest, in one clause: "short of breath even sitting still" (booked, or "a
    # doctor today": newcomer pass F); never "out of breath at the moment, just walked up the
    # hill" or "fine sitting down" (review)
    "breathless_at_rest": r"\b(short(ness)? of breath|out of breath|breathless\w*|can'?t (catch|"
    r"get) my breath|can (barely|hardly) (catch|get) my breath)\b[^.!?,;]{0,15}\b(even |all the "
    r"time,? even )?(at rest|sitting still|when (i'?m )?resting|while resting|doing nothing|lying "
    r"still)\b|\beven (sitting still|at rest|resting|doing nothing)\b[^.!?,;]{0,25}\b(short of "
    r"breath|out of breath|breathless\w*|can'?t (catch|get) my breath)\b",
    "breathless": r"\b(short(ness)? of breath|out of breath|puffed( out)?|out of puff|"
    r"breathless\w*|can'?t (catch|get) my "
    r"breath|struggl\w* to breathe|hard to breathe|difficulty breathing|cough\w* (up )?blood)\b"
    r"|\b(pain|hurts?|sharp)\W+(\w+\W+){0,6}(breathe|breathing) in\b",
    # the heart
    # "pressure in the middle of my chest" (held-out set 4: five words between)
    # "feels like someone's sitting on his chest" (held-out set 5)
    "chest_heavy": r"\b(sitting|sat|elephant|weight|brick|band) (on|round|around) (my|his|her|the) "
    r"chest\b|"
    # "his chest feels like an elephant sitting on it" (a spouse's words: newcomer pass H)
    r"\bchest\b[^.!?]{0,25}\b(elephant|a (heavy )?weight|a brick|a (tight )?band|a vice|a vise)"
    r"\b[^.!?]{0,12}\b(on|round|around|sitting|sat|squeez\w*)\b|\b(heav(y|iness)|pressure|tight(ness)?|squeez\w*|crush\w*)"
    + r"(?:\W+\w+){0,6}\W+chest"
    r"|\bchest" + _W + r"(heav(y|iness)|pressure|tight(ness)?|squeez\w*|crush\w*)",
    "chest_pain": r"\bchest pains?\b|\b(pain\w*|burning|ache|aching|discomfort) (in|across) "
    r"(my|the) chest\b|\bchest (hurts|aches|burns|burning)"
    # "my chest has been hurting ... for the last hour" at the booking step got new times (sixth
    # newcomer pass)
    r"|\bchest (has been |is |keeps |kept |started |'?s been |was )(really |so |kind of |kinda )?"
    r"(hurting|aching|burning|sore|painful|killing me)\b",
    "exertion": _REST + r"(walk\w*|climb\w*|go(ing)? up|carry\w*|rush\w*|hurry\w*|exert\w*|"
    r"mow\w*|run\w*|exercis\w*|do anything)|\bexert(ion|ing)? (myself|themselves)?|\bon exertion"
    r"|\bup (the |a )?(hill|stairs|steps)|\bclimb\w* (the )?stairs|\buphill\b|\bcarry(ing)? "
    r"(the )?(groceries|shopping|bags)|\brush for\b|\bany (effort|exertion)\b|\bwhile mowing\b"
    r"|\b(every time|whenever|when|while) i (mow|walk|climb|run|jog|carry|lift|push|cycle|"
    r"swim|garden|hoover|vacuum|do (the )?(housework|chores|garden\w*))\w*|\b(go|going|went) "
    r"(jogging|running|for a (run|jog|walk))\b|\bduring (a |my )?(run|jog|workout|walk)\b|"
    r"\bthe harder i (push|go|work)\b|\b(doing|do) (the )?(housework|chores)\b",
    "eases_rest": r"\b(goes away|goes off|eases?|settles?|stops|better)( off)? (when|after|once|"
    r"if) i "
    r"(stop|rest|sit)|\b(stop|sit down) and rest|\bafter a (few|couple of) minutes? (sitting|"
    r"resting|rest)",
    "cardiac_companion": r"\b(sweat(s|ing|y)?|clammy|cold sweat|nause\w*|feel(s|ing)? sick|sick to "
    r"(my|his|her) stomach|light[- ]?headed|faint\w*|(looks?|looking|gone|went|turned) "
    r"(grey|gray|ashen|pale))\b",
    # Fainting or nearly ("nearly passed out getting off the loo"), with back pain an AAA sign.
    "faint": r"\b((nearly|almost) )?(pass(ed|ing)? out|black(ed|ing)? out|faint(ed|ing)?|"
    r"collaps(ed|ing))\b",
    # consciousness lost, not nearly: "i passed out this morning and now my back hurts" (booked
    # after the aortic questions: fifth newcomer pass); not long ago ("fainted as a kid")
    "lost_consciousness": r"(?<!nearly )(?<!almost )(?<!going to )(?<!gonna )(?<!might )"
    r"\b(passed out|blacked out|fainted|lost consciousness|knocked (myself |him |her )?out|"
    r"came (round|to) on the (floor|ground)|"
    # "i keep blacking out", "i black out when i stand up", "i keep fainting", "i collapsed in
    # the kitchen", "everything goes black and i end up on the floor" (newcomer pass G)
    r"(keep|kept|been|started|keeps) (blacking out|passing out|fainting|collapsing)|(i|he|she|"
    r"they) (\w+ )?(black|pass|blacks|passes) out|(i|he|she|they) (just |suddenly |then |had )?"
    r"collapsed|fainting (spells?|episodes?|fits?)|(everything|it all|my vision|the world) "
    r"(goes|went|going|turns|turned) (black|dark)[^.!?]{0,40}\b(floor|ground)|(end|ended|woke|"
    r"wake|came to|come to) up on the (floor|ground))\b"
    rf"(?![^.!?]{{0,40}}\b({_OLD_HISTORY}|when i was (a |young|little|\d)|at the sight|"
    r"(giving|having|seeing) blood|needles?)\b)",
    "at_rest": r"\b(right now|at the moment|at rest|while (resting|sitting still)|won'?t go "
    r"away|for (the last |over )?(15|20|30) minutes|even when i'?m resting)\b"
    # "it started 30 minutes ago" (after advice, a crushing chest into the jaw got only "follow
    # the advice above": patient newcomer test)
    # "now he has chest pain sitting still" (after advice it got "follow the advice above")
    r"|\b(sitting|lying|resting) (still|quietly|down)\b|\bnow (i|he|she|they) (has|have|'?ve|'?s|"
    r"is|am|are)\b"
    r"|\b(for|in) (the )?(last|past) (hour|half hour|\d+ ?(minutes?|mins?))\b|\b(an|one) hour ago\b"
    r"|\b(started|began|came on|come on|hit me)( about| around)? (\d+|ten|fifteen|twenty|thirty|"
    r"forty|a few) (minutes|mins) ago\b|\bhalf an hour ago\b",
    # the neck's vessels and ligaments: the 5 Ds and 3 Ns
    "dizzy": r"\b(dizz\w*|vertigo|room spin\w*|giddy|woozy)\b",
    "diplopia": r"\b(double vision|seeing double|see(ing)? (things )?double|blurr?(ed|y) vision|"
    r"vision (goes|went|is|gets|has gone) (double|doubled|blurr\w*|funny|strange|dark)|lost (my )?"
    r"vision|vision'?s (doubled|double|gone double))\b",
    "dysarthria": r"\b(slurr?\w*|speech (goes|went|is|was|gets|got) (funny|strange|weird|odd|"
    r"garbled)|trouble (speaking|talking|getting (my )?words out)|words (came|come|are coming|"
    r"were coming|keep coming|coming) out (all |a bit |kind of |kinda )?(wrong|"
    r"funny|slurred|jumbled|garbled|weird|muddled|mixed up|nonsense|gibberish)|"
    r"can'?t (speak|talk) properly|"
    # "i couldnt get my words out for a few minutes" (patient newcomer test)
    r"(couldn'?t|could not|can'?t|cannot) (get|find) (my |the )?words( out)?|words (wouldn'?t|"
    r"won'?t|didn'?t) come out|(couldn'?t|could not) (speak|talk) (properly|right|clearly|for a "
    r"(few )?(seconds?|minutes?|moment|while))|(couldn'?t|could not) (speak|talk)(?=\W*($|[.,;!?]|"
    r" and\b))|"
    r"(speech|talking) (was |went |got )?(garbled|"
    r"jumbled)"
    # a relative's words (patient newcomer test): "she's talking funny", "talking gibberish"
    r"|talking (funny|strange|weird|odd|gibberish|nonsense|like (he|she|they)'?s? drunk)"
    r"|(his|her|their) words (are|were|came out) (all )?(muddled|jumbled|wrong)"
    # "now hes saying words all jumbled", "speech is all muddled" (sixth newcomer pass)
    r"|(saying|says|said|using) (his |her |their |the )?words (all )?(jumbled|muddled|mixed up|"
    r"wrong|backwards)|(speech|talking|words) (is |are |was |were |went |gone )?(all )?(muddled|"
    r"mixed up))\b",
    # sudden confusion in a relative or the patient (American Stroke Association)
    "confusion": r"\b((is|he'?s|hes|she'?s|shes|seems?|got|gets|became|went|all) (\w+ )?"
    r"confused|sudden(ly)? confus\w*|confusion|not making (any )?sense|making no sense|(isn'?t|"
    r"is not|wasn'?t|was not|aren'?t) making (any )?sense)\b",
    # one side of the body weak or not moving (F.A.S.T.: arm weakness); sudden or with the
    # face or speech it is the stroke question (a father who "cant lift his right arm suddenly
    # and hes confused" was booked: patient newcomer test)
    "one_side_weak": r"\b((can'?t|cannot|couldn'?t|unable to) (lift|raise|move|use|feel) "
    r"(his|her|my|their|the) (left|right) (arm|hand|leg|side)|(can'?t|cannot|couldn'?t|unable "
    r"to) move (his|her|my|their) (left|right)? ?side|(left|right|one) side (of (my|his|her|"
    r"their) body )?(\w+ ){0,2}(weak|heavy|numb|dead|limp|floppy)|(left|right) (arm|leg) (\w+ )?"
    r"(is |went |has gone |gone |feels |felt )?(weak|heavy|limp|dead|floppy)|weakness (in|down) "
    r"(my|his|her|their|the) (left|right) (arm|leg|hand|side))\b"
    # ... a relative's arm: "her face has gone all floppy and her arm is weak"
    r"|\b(his|her|their) (arm|hand|leg) (is |went |has gone |gone |feels |felt |seems )?(all |"
    r"really |very )?(weak|limp|dead|floppy)\b"
    # ... an arm with the face, without a side: "arm and face went weird and floppy"
    r"|\b(arm|hand|leg) and (his |her |my |their )?face (\w+ )?(went|has gone|gone|is|are|"
    r"were|looks?) (all |a bit |kind of |kinda )?((weird|funny|strange|odd|wonky) and )?"
    r"(floppy|slack|limp|droopy|dead|weak)\b",
    # an arm or leg weak or heavy, no side named: asked about when it came on within the day
    # ("since this morning I can't lift my arm, it feels weak and heavy": newcomer pass I)
    "limb_weak": r"(\b(my|his|her|their|the) (arm|leg) (\w+ )?(is |went |has gone |gone |feels |"
    r"felt |seems |got )?(all |really |very |so |suddenly )?(weak|heavy|limp|dead|floppy)\b|"
    r"\bit (feels|felt|is|went) (all |really |very |so )?(weak and heavy|heavy and weak)\b)"
    r"(?![^.!?]{0,30}\b(after|from) (the |my |a )?(gym|workout|run|training|leg day|squats|"
    r"exercise|class|game|match|hike)\b)",
    # a time within the last day: a weak limb since then is asked about as a stroke ("since
    # this morning my right arm has gone weak" was booked as neck pain: newcomer pass I)
    "within_day": r"\b(since (early )?this morning|this morning|since last night|overnight|"
    r"earlier today|since (breakfast|lunch|dinner)|woke up (with|and|like)|(an|one|a few|a couple "
    r"of|two|three|\d+) hours? ago|in the (last|past) (few |couple of )?hours?)\b",
    # a knock to the head, not long ago: "hit her head", "banged my head on the cupboard",
    # "fell and landed on his head", "concussion"
    "head_injury": r"(\b(hit|hitting|bang\w*|bump\w*|knock\w*|smack\w*|whack\w*|crack\w*|bash\w*) "
    r"(my|his|her|their|the (back|side|front) of (my|his|her|their)) head|\bhead (injury|trauma|"
    r"knock|bang)|\bconcuss\w*|\b(fell|landed|fallen) (\w+ ){0,3}on (my|his|her|their) head)\b"
    r"(?! on purpose)" + _NOT_OLD,  # self-harm is the crisis answer's
    # after a head injury, what sends to the emergency department (NICE NG232)
    "head_danger": r"\b(vomit\w*|throw(ing|n)? up|threw up|been sick|drows\w*|sleepy|can'?t stay "
    r"awake|hard to (wake|keep awake)|confus\w*|disorient\w*|muddled|doesn'?t know where|not "
    r"making (any )?sense|can'?t remember|no memory|blood thinners?|warfarin|eliquis|apixaban|"
    r"xarelto|rivaroxaban|clear fluid|fits?|seizures?)\b",
    # a transient ischaemic attack told as such: the stroke question is asked ("had a TIA last
    # week" got no question: patient newcomer test)
    # (not the name Tia: "Hi I'm Tia and my knee hurts", review; nor "TIA" for "thanks in
    # advance", a sign-off that ends a message or follows "thanks": review)
    "tia": r"\b((?<!thanks )(?<!thanks, )(?-i:TIA)(?![\s.!,:)]*((?!yesterday|today|ago|last|"
    r"this|in|on)\w+[\s.!]*)?$)|(a|my|his|her|had|after|since) tia|t\.i\.a\.|mini[- ]?strokes?"
    r"|transient isch(a)?emic)\b",
    "dysphagia": r"\b((trouble|difficulty|problems?|hard) (to |with |when )?swallow\w*"
    r"|can'?t swallow|lump in (my )?throat|swallow\w* (feels?|is|has been|seems) (\w+ )?(odd|weird|"
    r"strange|funny|difficult|hard|off))\b",
    # choking on food: asked about, never taken as the swallowing trouble of the neck question
    # itself ("i keep choking on my food" got 911 for breathing: fifth newcomer pass; "neck pain,
    # and I keep choking on my food a bit" was confirmed as a yes, then sent away: seventh)
    "choking_food": r"\b((keep|kept|always|often|keeps) chok\w*|chok\w* on (my |his |her )?"
    r"(food|drinks?|water|pills|tablets|meals?|saliva|spit)|food (gets|keeps getting|goes|sticks|"
    r"getting) (stuck|down the wrong way))\b",
    "drop": r"\b(drop attacks?|legs? (just )?(went|gave way|gave out|buckled)|dropped to the "
    r"(floor|ground)|collaps\w*)\b",
    # a fall without fainting told as such: one of the neck's 5 Ds wherever it hurts ("i keep
    # getting drop attacks" was asked the myelopathy question: fifth newcomer pass)
    "drop_attack": r"\bdrop attacks?\b|\b(dropped|drop|fell|falling) (to the (floor|ground) )?"
    r"(without|but (didn'?t|did not|never)) (faint\w*|pass\w* out|black\w* out|los\w* "
    r"consciousness)\b",
    # one leg or side against the other, as an answer: "only the right one", "the left calf"
    "one_side": r"^\W*(yes\W+|yeah\W+|yep\W+)?((it'?s|its) )?((only|just) )?(the |my )?(left|right)"
    r"( one| side| calf| leg| foot| ankle)?( is)?( (only|more|bigger|worse|swollen))?\W*$",
    "face_numb": r"\b(face|cheek|lips?|mouth|smile)('?s)? ((suddenly|just|kind of|sort of|kinda|"
    r"sorta|a bit|all) )?(feels? |is |are |goes |went |got |has gone |started |looks? |seems? )?"
    # ... and a relative's hedge after the verb: "her face looks a bit lopsided" (newcomer pass F)
    r"" + _HEDGE + r"(droop\w*|sagg\w*|lop ?sided|crooked|uneven|twisted)"
    # not a face changed by a dentist or filler (review)
    r"(?![^.!?]{0,30}\b(filler|botox|dentist|dental|braces|teeth|tooth|injection)\b)"
    r"|\b(face|cheek|lips?) ((suddenly|just|kind of|sort of|kinda|sorta|a bit|all) )?(feels? |"
    r"is |are |goes |went |got |has gone |started )?" + _HEDGE + r"(numb|tingl\w*)"
    r"|\b(droop\w*|lopsided|crooked|sagging) (face|mouth|smile)\b|"
    r"\bnumb\w* (in|on|down) (my |one side of my |the side of my )?(face|cheek|lips)|"
    # a relative's words: "his arm and face went weird and floppy" (got "Which arm": fifth
    # newcomer pass)
    r"\b(face|mouth|smile)('?s)? (\w+ )?(went|has gone|gone|is|was|looks|looked|goes|going) "
    r"(all |a bit |kind of |kinda )?((weird|funny|strange|odd|wonky) and )?(floppy|slack|limp|"
    r"droopy|dead)\b|\bone "
    r"side of (my|his|her) face\b|\bfacial (numbness|droop)|\btingl\w* lips\b",
    "horner": r"\b(eyelid (is )?droop\w*|droop\w* eyelid|pupil)",
    "nausea": r"\b(nause\w*|vomit\w*|throw(ing)? up|threw up|was sick|been sick|feel(ing)? sick)\b",
    "manipulation": r"\b(chiropract\w*|adjustment|manipulat\w*|cracked my neck|headstand)\b",
    "neck_trauma": r"\b(car crash|whiplash|rear[- ]ended|collision)\b",
    "instability": r"\b(head (is|feels?) (too |so )?heavy|hold (my )?head up|head (might|will|is "
    r"going to) fall|neck (feels? )?unstable|unstable neck)\b",
    "rheumatoid": r"\b(rheumatoid|down'?s syndrome)\b",
    "both_limbs": r"\b(hands and feet|both (hands|arms|feet)|all four limbs)\b",
    # the cord in the neck
    # a relative's too: "she drops her cup a lot lately" (patient newcomer test)
    # ... but not one thing dropped once: "I dropped my keys and bent to pick them up" (review)
    "hand_clumsy": r"\b(clumsy|keep dropping|(drop|drops|dropping) (my |her |his |their )?"
    r"(things|cups?|mugs?|stuff|keys|phone|glass(es)?|pens?|fork|spoon)|buttons|handwriting|"
    r"fumbl\w*|butter ?fingers|"
    r"can'?t pick up (coins|small)|hands? (are |is )?(getting |becoming )?(weak\w*|useless)|"
    r"weak(er|ness)? (in )?(my )?hands|grip (is )?(getting )?weak\w*)\b",
    "hands_numb": r"\b((both|my) hands|fingers) (are |feel |keep |go )?(numb|tingl\w*)|\bnumb "
    r"(fingers|hands)\b|\b(numb\w*|tingl\w*|pins and needles) in (both|my) hands\b",
    "gait": r"\b(trip(ping|s)?|unsteady|off balance|balance (is|has)|wobbly|like i'?m drunk|"
    r"(walking|walk|walks) like (i'?m|im|she'?s|shes|he'?s|hes|they'?re) (on a boat|drunk)|like "
    r"(she'?s|shes|he'?s|hes|they'?re) drunk|feet "
    r"wide apart|legs? (feel |are |is )?(stiff|heavy|jumpy|jerky)|stumbl\w*|shuffl\w*)\b",
    "lhermitte": r"\b(electric(al)? (shocks?|current|jolts?)|shock\w* (down|through) (my )?(spine|"
    r"back|arms|legs)|like electricity|zap\w*)",
    # the aorta
    # "when I press on my belly there's a sort of pulsing lump" (held-out set 4: five words)
    "pulse_belly": r"\b(puls\w*|throbb\w*|heart ?beat|beating)" + _W + r"(belly|tummy|stomach|"
    r"abdom\w*|navel|belly button)|\b(belly|tummy|stomach|abdom\w*)(?:\W+\w+){0,6}\W+"
    r"(puls\w*|throbb\w*|beat\w* like|pound\w*|heart ?beat)",
    "tearing": r"\b(tearing|ripping)\b",
    "position_independent": r"\b(no matter (what|which|how)|whatever position|any position|"
    r"doesn'?t (change|ease|get better|let up)|nothing (helps|eases it)|can'?t (find|get) "
    r"(a |any )?comfortable|not eased by|doesn'?t ease|(sitting|standing|lying)\W+(\w+\W+){0,3}"
    r"(all|it'?s all) the same)\b",
    "constant": r"\b(constant(ly)?|all the time|24/7|day and night|never (stops|lets up))\b",
    "old_age": _aged(r"(6[5-9]|[7-9]\d)", r"[7-9]0", r"seventies|eighties|late sixties"),
    # 50 or over: the age of giant cell arteritis (ACR/EULAR 2022 classification criteria)
    "over_50": _aged(r"([5-9]\d)", r"[5-9]0", r"fifties|sixties|seventies|eighties|nineties"),
    "smoker": r"\b(smok\w*|cigarett\w*|cigs?)\b",
    "aneurysm": r"\baneurysm\b",
    # infection, cancer and rest pain
    "night": r"\b((at|every|all|through the|during the) (night|nite)s?|nightly|wakes? me( up)?|"
    r"woken|worse (lying|when i lie) down)\b",
    "fever": r"\b(fevers?|feverish|(a|high|running a) (temperature|temp)|chills|night sweats|"
    r"sweats at night|the shivers|hot and cold)\b"
    # not long gone: "i had a fever last month but thats long gone" (sent away: sixth pass);
    # but "a fever since last month" is one now (review)
    r"(?!( (?!since\b|for\b|over\b)\w+){0,3} (last (month|year)|(\w+ )?(months|years) ago)\b|"
    r"[^.!?]{0,25}\b(that'?s|thats|it'?s|its|which is|but) (long gone|gone now|gone|better now|"
    r"cleared up)\b)"
    # "temperature of 39", "temp hit 102" (not "39F" for a woman's age, nor the weather: review)
    r"|\btemp(erature)? (of |was |hit |reached |went up to |is up to )(3[89]|4[01]|99\.\d|10[0-5])"
    r"(\.\d)?\b(?! (in here|outside|today outside))"
    # "i feel shivery", "sweating buckets at night", "soaking the sheets" (booked with no flag:
    # newcomer test)
    r"|\b(shiver(y|ing|s)|shaking (all over|chills)|rigou?rs|sweat\w* (buckets |like crazy |"
    r"loads )?(at|in the|every|through the|during the) (night|nite)|(drenched|soaked|soaking) "
    r"(in sweat |with sweat )?at (night|nite)|(soak\w*|drench\w*) (the|my) (sheets|bed|"
    r"pyjamas|pajamas))\b",
    "unwell": r"\b(generally unwell|feel(ing)? (really |very )?(unwell|ill|run down))\b"
    # "i feel shivery and awful" (newcomer test); not a feeling about something
    r"|\b(i|he|she) (feel|feels|felt) (really |so |just )?(awful|terrible|rotten|horrible|rough|"
    r"like death|lousy)\b(?! (about|that|when|sitting|standing|walking|doing|after))",
    "weight_loss": r"\b(lost (\w+ ){0,3}(weight|a stone|\d+ ?(kg|kilos?|lbs?|pounds|stone))|weight "
    r"loss|losing weight|without (trying|dieting)|(no|lost my|loss of) appetite)\b",
    "cancer_hx": r"\b(cancer|tumou?r|chemo\w*|radiotherapy|malignan\w*|lymphoma|leuka?emia|"
    r"melanoma|myeloma|metasta\w*)\b",
    "persistent_cough": r"\bcough (that|which) (won'?t|doesn'?t|will not) go",
    # the cauda equina
    # ... with an adverb between: "i cant really control my bladder" (booked: third newcomer)
    "bladder": r"\b((can'?t|cannot|couldn'?t|unable to|trouble|difficulty|problems?|struggl\w*) "
    r"((really|properly|fully|quite|always|even) )?"
    r"(to |with )?(hold\w*|control\w*|empty\w*|start\w*|stop\w*)?( to)? ?(my |her |his )?"
    r"(bladder|pee\w*|wee\w*|urin\w*|passing water|bowels?)|wet (" + _SELF + r"|the bed|"
    + _OWN + r" pants)|"
    r"leak\w* (urine|pee|wee)|"
    r"(bladder|bowel)s? (problem|trouble|accident|leak|issue|control)\w*|accidents? with my "
    r"(bladder|bowels?)|incontinen\w*|pooed "
    r"" + _SELF + r"|soiled)\b"
    # ... in plain words (patient newcomer test: each went to a booking, and a "no" cleared it):
    # "i pee without control", "I've been peeing myself", "can't feel when I need to pee",
    # "I keep having accidents, I pee my pants", "I lost control of my bladder", "wet myself"
    r"|\b(pee\w*|wee\w*|urin\w*|poo\w*)( \w+){0,3} without (control|meaning to|knowing|"
    r"noticing|realising|realizing|feeling)|\b(pee\w*|wee\w*|poo\w*|wet|wett\w*|soil\w*|"
    r"mess\w*) (" + _SELF + r"|" + _OWN + r" (pants|trousers|knickers|underwear|bed))\b"
    r"|\b(can'?t|cannot|can not|don'?t|didn'?t) (\w+ ){0,2}feel (when|that|if) " + _WHO
    + r" (needs?|has|have|wants?) to (go|pee|wee|poo|"
    r"urinate)|\b(lost|losing|lose|no) (\w+ )?control (of|over) (my )?(bladder|bowels?|pee|"
    r"wee|toilet)|\bi(?:'?m| am| keep| kept|'?ve been|'?ve had| have been| have had| had) "
    r"(\w+ ){0,3}accidents\b(?!\s+(on|in|at|while|during|involving|at work)\b)"
    r"|\b(didn'?t|don'?t) realis\w* i needed to (pee|wee|go)\b"
    # "i cant tell when i need to pee", "cant tell when i need to go to the toilet anymore", "I
    # cannot make pipi since yesterday" (each missed: patient newcomer test)
    r"|\b(can'?t|cannot|can not|don'?t|couldn'?t) (\w+ )?(tell|know|sense) when " + _WHO
    + r" (needs?|has|have|"
    r"wants?) to (pee|wee|poo|urinate|go to the (toilet|loo|bathroom|restroom)|"
    r"go(?=\W*($|anymore|any more|[.,;!?])))\b"
    r"|\b(can'?t|cannot|can not|couldn'?t|unable to) ((make|do|pass) (pipi|pee|wee)|(make|pass) "
    r"(water|urine))\b"
    r"|\bcan( not|no|'?t) feel (good|well|properly|right) when (i )?go to (the )?toilet\b"
    # retention told plainly: "when I pee it's hard to get going, have to strain", "slow to start
    # peeing", "takes ages to start peeing" (each was a no: patient newcomer test)
    r"|\b(slow|hard|difficult|ages|forever|a while|struggl\w*|strain\w*) to (start|get going)\W+"
    r"(\w+\W+){0,1}(pee\w*|wee\w*|urinat\w*)|\b(when|if) i (pee|wee|urinate)\b[^.!?]{0,25}\b("
    r"hard to get (it )?going|have to strain|slow to start|takes (ages|forever|a while))"
    r"|\b(pee|wee|urine) (is |comes )?(slow|weak|dribbl\w*)( to start)?\b"
    # "i leaked a bit" (second newcomer pass: kept as what the pain stops them doing)
    r"|\bi(?:'?ve| have)? (?:been )?(leaked|leaking|leak) (a bit|a little|a few drops|slightly|"
    r"sometimes|when i (bend|lift))\b(?![^.!?]{0,20}\bwhen i (cough|sneeze|laugh|jump))"
    # "i havent been able to pee since yesterday" (booked with no flag: newcomer test)
    r"|\b(haven'?t|have not|hasn'?t|has not|not|never) (been )?able to (pee|wee|urinate|pass "
    r"(water|urine)|empty (my|her|his) bladder)\b",
    # "saddle" alone is a bike's or a horse's ("aching when I sit on the saddle" was sent to
    # the emergency department: held-out set 2); the saddle area, or numbness there, counts.
    "small_child": r"\b(toddler|potty|nappy|nappies|diapers?|baby|little one|(my|our) (son|"
    r"daughter|grandson|granddaughter|kid|boy|girl) (is|was|who'?s) ([1-9]|1[0-2])\b)",
    "saddle": r"\bsaddle\W+(area|region|numb\w*|an(a)?esthesia)\b|\bnumb\w*\W+(\w+\W+){0,2}"
    r"saddle\b|\b(numb\w*|tingl\w*|no feeling|can'?t feel|cnt feel|cant feel)" + _W + r"(groin|"
    r"genital\w*|privates?|bum|bottom|backside|anus|down there|between my legs|inner thighs?|"
    r"butt( cheeks)?)\b|\b(groin|"
    r"genitals?|bum|bottom|down there|between my legs|inner thighs?)" + _W + r"(numb\w*|tingl\w*)"
    r"|\bcan'?t feel (the )?(toilet paper|when i wipe|my bum|my bottom|(loo|toilet) seat)"
    # "sitting on the loo feels weird, like the seat isn't there" (held-out set 4)
    r"|\b(loo|toilet)\b[^.!?]{0,40}\bseat (isn'?t|is not|wasn'?t) there\b"
    # "it's weird when I wipe, can't really feel it" (held-out set 5)
    r"|\bwhen i wipe\b[^.!?]{0,30}\bcan'?t (really )?feel\b"
    r"|\b(weird|strange|numb|odd) when i wipe\b",
    # ... and in everyday words: "things aren't working properly in the bedroom department"
    "sexual": r"\b(erection|erectile|impoten\w*|bedroom department)\b|\b(aren'?t|isn'?t|not|"
    r"stopped) working( properly| right)?( \w+){0,2} (in the bedroom|down there)\b",
    # "my legs have been getting weaker this week", "legs are getting weaker" (lost at other
    # questions: patient newcomer test)
    "leg_weakness": r"\b(legs? (feel |are |is |getting |going |have gone |have been |has been |"
    r"keep |keeps )*(getting |going )?(weak\w*|like jelly)|weaker legs|"
    r"weak(ness)? in (my |both )?legs?|(both )?(my )?feet (are |feel |getting )(\w+ )?weak\w*|"
    r"(foot|feet) (is |are )?(going |gone )?(floppy|drop\w*|"
    r"drag\w*|slap\w*)|foot drop|legs? (are |is |keep |keeps )?(giving|gave|give|gives) (way|"
    r"out)|can'?t (lift|raise) "
    r"my (foot|feet|toes))\b"
    # "cant move my legs after i fell on my back" (got "a doctor today": fifth newcomer pass)
    r"|\b(can'?t|cannot|can not|cnt|couldn'?t|unable to) (really |properly )?move (my|his|her|"
    r"their|both|either) legs?\b"
    # "i cant feel either of my legs properly, both are weak" (booked: sixth newcomer pass)
    r"|\b(legs?|feet)\b[^.!?]{0,30}\bboth (are|feel|getting|gone|went) (really |so |very )?"
    r"weak\w*\b|\bboth (legs|feet) (are |feel |getting |have gone |gone )?(really |so |very )?"
    r"weak\w*",
    # "my legs", "her feet": both of them ("cant feel my legs" was asked how long it hurt, and
    # booked: third newcomer pass)
    "both_legs": r"\b(both (legs|feet|thighs|calves|shins)|both sides|bilateral|"
    r"either (leg|foot)|neither (leg|foot)|"
    r"(either|both|neither) of (my|his|her|their|the) (legs|feet)|"
    r"(can'?t|cannot|can not|cnt) (really |properly )?feel (my|his|her|their|both|either) "
    r"(legs?|feet|foot)|(my|his|her|their) "
    r"(legs|feet)|(numb|tingly|dead) (legs|feet)|(legs|feet),? both of them)\b",
    "leg_numb": r"\b(legs?|foot|feet|thighs?|calf|shin|toes)" + _W + r"(numb\w*|tingl\w*|pins and "
    r"needles|dead)|\b(numb\w*|tingl\w*|pins and needles)" + _W + r"(legs?|foot|feet|thighs?|"
    r"calf|toes)\b|\b(can'?t|cannot|can not|cnt|couldn'?t|no longer) (really |properly )?feel "
    r"(anything in )?(my|his|her|their|the|both|either) (legs?|feet|foot|toes)\b"
    r"|\b(can'?t|cannot|can not|cnt|couldn'?t|no longer) (really |properly )?feel (either|both|"
    r"neither) of (my|his|her|their|the) (legs|feet)\b",
    # numbness getting worse or spreading, in the same clause: what makes numbness in both legs
    # a sign, not pins and needles after sitting cross-legged that went away (held-out set 1's
    # benign lookalike), nor a back pain "getting worse" in another clause (review)
    "worsening": r"\b(numb\w*|tingl\w*|pins and needles)\b[^.!?;]{0,40}\b((getting|got|gets|"
    r"gotten|going|becoming) (worse|number)|worse and worse|worsening|spreading|spread(ing)? (up|"
    r"into|to)|progress(ing|ed|ively))\b|\b(worsening|spreading|progressive) "
    r"(numb\w*|tingl\w*|pins and needles)\b",
    # headache
    "headache": r"\b(head ?ach(e|es)?|hedache\w*|migraines?|pain in (my|the|her|his) head|"
    r"back of (my|the) head|head pain|pain (in )?head|"
    r"(explosion|exploded|bomb|burst\w*|bang) in (my|the|her|his) head)\b"
    # held-out set 5: "head started pounding", "my head went bang", "a splitting pain in her head"
    r"|\bhead (started |went |was |is |kept |just )?(pounding|banging|throbbing|splitting|"
    r"exploding|bang|pop)\b|\bsplitting (pain|headache|head)\b",
    # giant cell arteritis at 50 or over (ACR/EULAR 2022): pain at the temples or a scalp sore to
    # touch, the jaw aching on chewing, a change in sight ("new headache at my temples, my jaw
    # aches when i chew and my vision went blurry, im 79" was booked: newcomer pass F)
    "temple": r"\b(temples(?! (are|is) (grey|gray|greying|graying))|(my|his|her|their|the|"
    r"right|left|both) temple|temp[eo]ral (headache|pain|area|arter\w*)|sides? of (my|his|her|"
    r"the) (head|forehead))\b|\b(scalp|head)('?s)? (is |feels |gets |has been |so |really |very |"
    r"quite |a bit |too )*(tender|sore|painful|hurts?)( to (the )?touch| when (i|she|he|they) "
    r"(brush|comb|touch))|\b(brush\w*|comb\w*|touch\w*) (my |her |his |their )?(hair|scalp)"
    r"[^.!?;]{0,15}\b(hurts?|painful|sore|tender)\b|\bhurts? (her |him |me )?to (brush|comb|touch) "
    r"(my |her |his )?(hair|scalp|head)\b" + _LONG_STANDING,
    # the jaw aching on chewing; never across a denial ("jaw doesn't hurt when I eat": review)
    "jaw_claudication": r"\bjaw\b" + _GAP + r"\b(ache\w*|aching|hurts?|hurting|pain\w*|tired|"
    r"cramp\w*|sore)\b" + _GAP + r"\b((when|while|after|with|from) (i'?m |i |im |she |he |"
    r"she'?s |he'?s )?)?(chew\w*|eat\w*)|\b(chew\w*|eat\w*)" + _GAP + r"\b(hurts?|ache\w*|"
    r"aching|pain\w*|tire\w*|cramp\w*)" + _GAP + r"\bjaw\b|\b(chew\w*|eat\w*)" + _GAP + r"\bjaw\b"
    + _GAP + r"\b(ache\w*|aching|hurts?|hurting|tire\w*|cramp\w*|sore)\b|\bjaw (gets |goes |"
    r"feels )?(tired|cramp\w*) (when|while|after|from|with)|\b(pain|ache|aching)\w* in (my|his|"
    r"her) jaw\b" + _GAP + r"\b(when|while) (i |she |he )?(chew|eat)\w*",
    "vision": r"\b(blurr?(ed|y) (vision|sight|eyesight)|(vision|vison|sight|eyesight)('?s| is| "
    r"has| went| goes| gets| got| has gone| is going| keeps going)? (all |a bit |gone |going |"
    r"really )?(blurr\w*|dim\w*|dark\w*|double|doubled|grey|gray|funny|strange|fuzzy|misty|black)|"
    r"(sight|vision) in (one|my|her|his|the) (\w+ )?eye (went|goes|is|got|gone|has gone) (blurr"
    r"\w*|dark|black|dim|funny)|double vision|seeing double|see(ing)? (things )?double|trouble "
    r"(seeing|with (my |her |his )?(sight|vision|eyesight)))\b" + _LONG_STANDING,
    # sight lost in an eye, even briefly: the eye's emergency (American Academy of Ophthalmology)
    "sight_loss": r"\b((lost|losing|loss of|lose) (the |my |her |his |some |part of (my |her |"
    r"his |the )?)?(sight|vision)(?! of)|(sight|vision) loss|(sight|vision) (is |was )?missing|"
    r"curtain (came |coming |went )?(down )?(over|across) (my|her|his|one|the) (\w+ )?(eye|sight|"
    r"vision)|shadow (came |coming |went )?(down )?(over|across) (my|her|his|one|the) (\w+ )?(eye|"
    r"sight|vision)|can'?t see (anything )?(out of|with|from) (my|her|his|one|the) (\w+ )?eye|"
    r"(went|gone|going) blind in|blind in (one|my|her|his|the) (\w+ )?eye|(sight|vision) (went|"
    r"goes|gone|has gone) (black|dark|grey|gray)|(everything|it) (went|goes|gone|turned) (black|"
    r"dark) in (my|her|his|one|the) (\w+ )?eye)\b" + _LONG_STANDING,
    "sudden": r"\b(sudden(ly)?|out of nowhere|out of the blue|in (a )?(split )?seconds?|"
    r"thunder\w*|explosi\w*|explod\w*|bang|like being hit|hit me like|all at once|instantly)\b",
    "worst": r"\b(worst (headache|pain)|worst\b.{0,30}\b(of my life|ever)|10 ?(/|out of) ?10|"
    r"massive|severe|excruciating|agoni[sz]\w*|unbearable|explosive|"
    r"never (i )?(have |had |felt )?(\w+ ){0,3}like (this|it|that)( before)?)",
    "meningism": r"\b(stiff neck|neck('s|s| is| feels| has gone)? (really |very |so )?stiff|"
    r"can'?t (put|touch|bend) my chin|light hurts|hurts? "
    r"my eyes|confus\w*|muddled|pass(ed)? out|seizure|went down on (her|his|my) knees)\b",
    # trauma
    # a heart attack or a stroke named as happening now, and breathing that fails: "i think im
    # having a heart attack", "I think I'm having a stroke", "i can't breathe" got "Sorry, I
    # can't help with that" (newcomer test). A past one ("had a heart attack in 2010") is not.
    "heart_attack_now": _NOW_NAMED + r"(heart attack|cardiac arrest)\b|" + _BARE.format(
        r"(heart attack|cardiac arrest)"),
    "stroke_now": _NOW_NAMED + r"(stroke|mini[- ]?stroke)\b|" + _BARE.format(r"stroke"),
    "cant_breathe": r"\b((can'?t|cannot|can not|unable to|barely|hardly) breathe(?! "
    r"(through|out of|thru) (my|the|his|her) nose)|not breathing|"
    r"stopped breathing|(can'?t|cannot) get (any |enough )?(air|breath)|gasping( for (air|"
    r"breath))?|(?<!keep )(?<!keeps )(?<!kept )(?<!often )(?<!always )(?<!sometimes )choking"
    r"(?! (when (i|he|she) (eat|swallow|drink)|sometimes|a bit|now and)))\b"
    # "struggling to get air in, lips going blue", "cant catch my breath at all" (each got the
    # duration question first: newcomer test)
    r"|\b(struggl\w* (to get (any )?air|for (air|breath))|fighting for (air|breath)|lips (are |"
    r"is |going |gone |turning |turned )?(blue|purple)|(can'?t|cannot) catch (my|his|her) breath "
    r"at all)\b"
    # "lips look blue", "lips feel blue-ish", "so short of breath i cant finish a sentence", "i
    # can barely catch my breath" (each was booked, or got the duration question first: newcomer
    # test). Speaking in broken sentences and blue lips are 911 signs (MedlinePlus).
    r"|\b(lips (look|looks|feel|feels|seem|seems|are looking|went|go)( a bit| kind of| kinda| "
    r"slightly| really)? (blue|bluish|blue-?ish|purple|grey|gray)|(blue|bluish|blue-?ish) lips|"
    r"(can'?t|cannot|unable to|struggl\w* to) (finish|complete|get out|say) (a|my|full|whole|"
    r"the) (sentence|sentences|words))\b",
    "coughing_blood": r"\b(cough\w*|hack\w*) (up )?(some |a bit of |a "
    r"little |bits of |specks of |streaks of |lots of |loads of )?(fresh |bright red |dark )?blood|"
    r"\bblood (in|on) (my |the )?(cough|phlegm|sputum|spit|mucus|tissue when i cough)|"
    r"\bh(a)?emoptysis\b"
    # "spitting up blood when i cough", "bleeding when i cough" (booked: fourth newcomer pass)
    r"|\b(spit\w*|bleed\w*|blood)\b[^.!?]{0,20}\bwhen (i|he|she|they) cough",
    # breathlessness that is new and lasting, not on exertion: "I've been really short of breath
    # since yesterday" at the booking step was taken for the pain's duration (newcomer test)
    "breathless_new": r"\b(short of breath|out of breath|breathless|can'?t catch my breath|"
    r"struggl\w* to breathe)( \w+){0,2} (since (yesterday|this morning|last night|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|the weekend)|all day|for (a|the last|the past) "
    r"(day|couple of days|few days)|today)\b",
    # someone collapsed or not responding now: "my husband just collapsed" (newcomer test)
    "collapse_now": r"\b(" + _PERSON + r") ((has|have|just|suddenly) ){1,2}(collapsed|passed out|"
    r"blacked out|fainted|gone down)(?! (last|yesterday|once|twice|before|again|several|a few|a "
    r"couple|many|when|whenever|if|every|in the past|in \d|a (week|month|year)|\w+ times))|"
    r"\bcollapsed (just now|a (few )?minutes? ago)|\b(" + _PERSON + r")(( is|'s|s| are|'re)? "
    r"(unconscious|unresponsive|not responding|not waking up)| (isn'?t|is not|aren'?t|are not) "
    r"(responding|waking up)| (won'?t|can'?t) wake up)\b(?! to)|\b(won'?t|can'?t|cannot) wake "
    r"(him|her|them)( up)?\b|\b(" + _PERSON + r")\b[^.!?]{0,40}\b(isn'?t|is not|not) moving\b"
    r"(?! (his|her|their|my|the|it|much|well|properly|without|very|around|about|as|like|so|"
    r"enough))"
    # ... told plainly, without "just" (fourth newcomer pass: "mum collapsed", "husband
    # collapsed on the floor and isnt breathing", "my grandad is unconscious", "mom passed out
    # on the kitchen floor wont wake up" got the duration question or "didn't understand")
    r"|\b(" + _PERSON + r"|" + _PERSON_BARE + r")( \w+){0,2} (collapsed|passed out|blacked "
    r"out|fainted)\b(?![^.!?]{0,40}\b(last|yesterday|ago|once|twice|before|years?|months?|"
    r"weeks?|when|whenever|every|in the past|in (19|20)\d\d|\w+ times)\b)"
    r"|(?<!was )(?<!were )(?<!been )\b(unconscious|unresponsive)\b(?! (for|last|when|after|"
    r"before|once|twice|in \d|a (week|month|year)))"
    r"|\b(won'?t|wont|can'?t|cant|cannot) wake (up|him|her|them)\b|\b(not|isn'?t|isnt|is not|"
    r"aren'?t) (responding|waking up)\b(?! to)"
    # fainted, and confused now: "he fainted and hit his head, now confused" (fourth pass)
    r"|\b(fainted|passed out|blacked out|knocked out)\b[^.!?]{0,40}\b(now |still |is |seems )"
    r"(confused|not making sense|drowsy|can'?t remember)",
    # on the floor after a fall: "fell in the kitchen, cant get up" (it got "see a doctor
    # today": newcomer test)
    "cant_get_up": r"\b((can'?t|cannot|couldn'?t|unable to|can not) (get|stand|pick (myself|"
    r"herself|himself)) up|(stuck|lying|lay|still) on the (floor|ground)|\b(she'?s|shes|he'?s|hes|"
    r"i'?ve|ive|they'?ve|(she|he|i|they) (has|have|had)) been lying there|(can'?t|cannot) get "
    r"(off|up off) the (floor|ground)|(can'?t|cannot|can not|cnt|couldn'?t|unable to) (really |"
    r"properly )?move (my|his|her|their|both|either) legs?)\b"
    # ... or can't walk now, told plainly: "for my mum, she can't walk... she fell in the
    # kitchen" got only the fall question and "contact your doctor promptly" (pass K). Not
    # "can't walk far" or "can't walk without a cane": a limit, not a fall's fracture.
    r"|\b(can'?t|cant|cannot|can not|couldn'?t|unable to|(is|isn'?t|wasn'?t|was|not) able to) "
    r"walk\b(?=\s*($|[.,;!?]|at all\b|any ?more\b(?!\s+than)|now\b|since\b|and\b|on (it|her|his|"
    r"my|that|the) (leg|foot|hip)\b|on it\b))",
    "hip": r"\bhips?\b",
    # an invasive procedure on the spine: with a fever, a spinal infection (IFOMPT red flags;
    # "since my epidural injection 5 days ago ... fever and chills" got "contact your doctor
    # promptly": newcomer pass G)
    "spinal_procedure": r"\b(epidural|spinal (injection|tap|block|surgery|operation|fusion)|"
    r"(back|spine|lumbar|disc|neck) (surgery|operation|op|fusion)|lumbar puncture|nerve block|"
    r"facet (joint )?injections?|(steroid |cortisone )?(injection|shot) in(to)? (my|his|her|the) "
    r"(back|spine|neck))\b" + _LONG_STANDING,
    # a limb gone cold and pale, white, blue or mottled ("suddenly my leg went cold, pale and numb
    # an hour ago" was booked: newcomer pass F)
    "limb_cold": r"\b(legs?|foot|feet|arms?|hands?|calf|toes|fingers|shin)\b[^.!?]{0,30}\b("
    r"ice[- ]cold|(cold|pale|white|blue|mottled)(,| and| &)? (and )?(pale|white|blue|cold|numb|"
    r"mottled)|(gone|went|turned|going|turning) (all )?(cold|pale|white|blue|mottled))\b"
    r"(?![^.!?]{0,20}\bbruis)",  # "my toes went blue with bruising" is a bruise (review)
    "fall_accident": r"\b(fell|(had|have|having) (a|another) (bad |nasty |big )?fall|slipped "
    r"(and|on|down)|tripped (and|over \w+ and|in the|on the|over (in|on) the)|knocked (down|"
    r"over|off)|came off (my|the) "
    r"(bike|horse)|car (crash|accident)|accident|collision|crash(ed)?|rear[- ]ended|"
    r"fender[- ]bender|hit by (a )?(car|bus|truck))\b",
    # the Ottawa rules' inability to bear weight, said anywhere: "she can't put any weight on
    # it" at the fever question was dropped (patient newcomer test)
    "no_weight": r"\b(can'?t|cannot|couldn'?t|unable to|can not) (put|bear|take) (any |much )?"
    r"weight(?! off)|\b(can'?t|cannot|couldn'?t|unable to) (stand|walk|step) on (it|that leg|that "
    r"foot|(my|her|his|their|the) (leg|foot|ankle|knee))\b(?! (for|too|more than|very|all day))"
    # ... or use the arm: "his wrist is swollen and he can't use his hand" (newcomer test)
    r"|\b(can'?t|cannot|couldn'?t|unable to) (use|move|grip with) (it|(my|her|his|their|the) "
    r"(hand|arm|wrist|fingers|elbow))\b",
    # a limb out of shape after an injury: "my wrist is bent at a weird angle" (booked with no
    # flag: newcomer test), "the bone is sticking out", "it looks deformed"
    "deformity": r"\b(wrist|arm|forearm|leg|ankle|foot|finger|thumb|toe|elbow|hand|collarbone|"
    r"shin|bone)s? (is |looks |went |got |was |has gone |is all |looks all )?(bent|twisted|"
    r"pointing|hanging|sitting)?( (at|in))? ?(a |an )?(weird|funny|odd|strange|wrong|awkward|"
    r"unnatural) (angle|way|shape|direction)|\b(it'?s|its|it is|it looks) (all )?bent (weird|"
    r"funny|wrong|sideways)|\b(wrist|arm|forearm|leg|ankle|foot|finger|thumb|toe|elbow|hand|"
    r"collarbone|shin)s? (looks |is |went )?(all )?(deformed|misshapen|out of place)|\b(pointing|"
    r"facing|bent|sticking out) the wrong way|\bbone (is )?"
    r"(sticking|poking|popping) (out|through)\b"
    # "my wrist looks like a dinner fork" (a Colles fracture's shape; not read: fifth pass)
    r"|\b(dinner fork|fork[- ]shaped|s[- ]shaped|like a fork|bent like a banana)\b"
    # "his forearm has a bend in it where there shouldnt be one", "her wrist looks wonky" (sixth
    # newcomer pass)
    r"|\b(a|an) (bend|kink|angle) in it\b|\b(wrist|arm|forearm|leg|ankle|finger|thumb|"
    r"elbow|collarbone|shin)s? (looks?|is|went|has gone) (all )?(wonky|crooked)\b"
    # "I fell on my arm and my forearm is bent" (got "a doctor today": seventh newcomer pass)
    r"|\b(wrist|arm|forearm|ankle|finger|thumb|collarbone|shin)s? (looks?|is|went|has gone) "
    r"(all |really |kind of )?bent\b(?! (over|down|back|forward|up|at the|when|while))|\blooks? "
    r"(all )?(wonky|crooked|bent) (since|after) (i|he|she|the|my|his|her)\b",
    "cleared": r"\b(checked (me )?(over|out)|(x-?rays?|scans?|mri) (was|were|came back|showed) "
    r"(fine|clear|normal|ok|nothing)|all clear|nothing (was )?broken|no (fracture|break))\b",
}
# A feature that does not count when another is present in the message.
UNLESS: dict[str, str] = {"fall_accident": "cleared", "bladder": "small_child"}
# ... or in its own clause, unless the clause says it is recent: "knee replacement 10 days ago,
# I'm scared of falling" and "right knee replaced 2 weeks ago, I had the left one done 3 years
# ago" lost the surgery to the other clause's words (review).
# A fall years ago is no fall's fracture now: "I had a fall 3 years ago and since then I can't
# walk" is a long story, not the emergency of a fall today.
CLAUSE_UNLESS: dict[str, str] = {
    "leg_surgery": "not_recent", "clot_risk": "not_recent", "fall_accident": "long_ago",
}
_RECENT = re.compile(
    r"\b((\d+|a|an|one|two|three|four|five|six|few|couple( of)?) (days?|weeks?) ago|yesterday|"
    r"last week|this (week|month)|recently|just (had|got|come out)|days ago|today|tonight|this "
    r"(morning|afternoon|evening)|last night|(\d+|a few|few|an|a couple of) hours? ago|just now)\b",
    re.IGNORECASE,
)
# History features that are a relative's when one is named before them in the clause.
PERSONAL_HISTORY = frozenset({"cancer_hx", "clot_risk"})  # a relative's aneurysm counts

_COMPILED = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in FEATURES.items()}
_CLAUSE_END = re.compile(r"[.;!?\n]|,|\bbut\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(no|not|never|without|nor|none|denies|zero)\b|n't\b|\bfree of\b", re.IGNORECASE
)
_CANT_STOP = re.compile(r"\b(can'?t|cannot|couldn'?t|won'?t|wont|cant) stop\b[^.,;!?]*$",
                        re.IGNORECASE)
_AGES = frozenset({"old_age", "over_50"})
_ALL_CLEAR_AFTER = re.compile(r"^\W*(\w+\W+){0,3}(all |are |is )?(normal|fine|ok|okay)\b", re.I)
_RELATIVE = re.compile(
    r"\b(mum|mom|mother|dad|father|sister|brother|aunt|uncle|grand\w+|family|parents?|cousin)\b",
    re.IGNORECASE,
)
_KEEPS_NEGATION = re.compile(r"^(can'?t|cannot|couldn'?t|doesn'?t|haven'?t|no matter|nothing|"
                             r"not eased|won'?t|never)", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """One feature in a message: its span (character offsets) and the words."""

    start: int
    end: int
    text: str


# A basal cell skin cancer (or one called non-melanoma), told in the first message or said at
# the cancer question: no cancer history for the screen, as the question says. They rarely
# spread (American Cancer Society, Basal and Squamous Cell Skin Cancer); "a small skin cancer
# (basal cell) cut off my nose 10 years ago, all clear since" sent a back patient to their
# doctor, no booking (newcomer test); told first, it made a plain no a contradiction (pass H).
_SKIN_CANCER = re.compile(r"\b(basal[- ]cell|bcc|rodent ulcer|non-?melanoma)\b", re.I)
_OTHER_CANCER_OR_WEIGHT = re.compile(
    r"\b(yes|yeah|yep|melanoma|chemo\w*|radio\w*|immuno\w*|hormone|lymphoma|leuk\w*|myeloma|"
    r"metasta\w*|tumou?r|spread|stage|came back|come back|returned|carcinoma of|lungs?|liver|"
    r"bones?|brain|spine|breast|prostate|bowel|colon|kidney|bladder|thyroid|ovar\w*|cervi\w*|"
    r"pancrea\w*|throat|mouth|blood|(?<!skin )(?<!cell )cancer|weight|pounds|lbs|kilos?|kg|"
    r"stone)\b",
    re.I,
)


def only_a_skin_cancer(text: str | None) -> bool:
    """Whether an answer names a basal cell (or other non-melanoma) skin cancer and nothing
    else: no other cancer, no spread, no weight lost, no "yes": a no at the cancer question
    (`_SKIN_CANCER`)."""
    said = text or ""
    return bool(_SKIN_CANCER.search(said)) and not _OTHER_CANCER_OR_WEIGHT.search(
        _SKIN_CANCER.sub(" ", said)
    )



def _clause_bounds(ends: list[int], text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a match: from the last clause end before it to the next one after."""
    i = bisect.bisect_right(ends, start)
    lo = ends[i - 1] if i else 0
    j = bisect.bisect_left(ends, end + 1)
    hi = ends[j] - 1 if j < len(ends) else len(text)
    return lo, max(hi, end)


def _counts(name: str, text: str, ends: list[int], match: re.Match[str]) -> bool:
    if name in _AGES:  # "i'm 66 and my sight is fine": the age stands (review)
        return True
    lo, hi = _clause_bounds(ends, text, match.start(), match.end())
    window = " ".join(text[max(lo, match.start() - 60):match.start()].split()[-4:])
    if _NEGATION.search(window) and not _KEEPS_NEGATION.match(match.group(0)) and not (
        _CANT_STOP.search(window)
    ):
        return False  # "no swelling", "I don't feel dizzy"; not "I can't stop sweating"
    if _ALL_CLEAR_AFTER.match(text[match.end():hi]):
        return False  # "bladder and bowels all normal"
    if name == "cancer_hx" and only_a_skin_cancer(text[lo:hi]):
        return False  # "I had a basal cell skin cancer removed": asked, not stated (pass H)
    return not (name in PERSONAL_HISTORY and _RELATIVE.search(text[lo:match.start()]))


def _blocked_in_clause(name: str, text: str, ends: list[int], match: re.Match[str]) -> bool:
    blocker = CLAUSE_UNLESS.get(name)
    if blocker is None:
        return False
    lo, hi = _clause_bounds(ends, text, match.start(), match.end())
    clause = text[lo:hi]
    return bool(_COMPILED[blocker].search(clause)) and not _RECENT.search(clause)


def find_features(text: str | None) -> dict[str, Found]:
    """The features in `text` (its first 2,000 characters) that count, each at its first
    counting match. Pure and fast: regular expressions only."""
    text = (text or "")[:2000].replace("’", "'")
    ends = [m.end() for m in _CLAUSE_END.finditer(text)]  # each clause starts after one
    found: dict[str, Found] = {}
    for name, pattern in _COMPILED.items():
        for match in pattern.finditer(text):
            if _counts(name, text, ends, match) and not _blocked_in_clause(name, text, ends, match):
                found[name] = Found(match.start(), match.end(), match.group(0))
                break
    for name, blocker in UNLESS.items():
        if blocker in found:
            found.pop(name, None)
    return found
