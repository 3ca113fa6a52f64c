"""The words patients use for body regions and limited activities, mapped to the spec's names.

Phrases are matched case-insensitively on spaCy tokens. "{my}" stands for my/the/his/her/a/
nothing, so "put on {my} socks" covers "put on my socks" and "put on socks".
"""

from __future__ import annotations

# Region names -> how patients say them.
# fmt: off
REGION_TERMS: dict[str, tuple[str, ...]] = {
    "head": (
        "head", "headache", "headaches", "skull", "temple", "temples", "migraine", "migraines",
        "forehead", "back of {my} head",
    ),
    "jaw": (
        "jaw", "jaws", "tmj", "jawline", "temporomandibular joint", "jaw joint",
    ),
    "neck": (
        "neck", "cervical spine", "cervical", "nape", "back of {my} neck", "neck muscles",
        # Moving the head is the neck at work: "turning my head when driving" is no head pain.
        "turning {my} head", "turn {my} head", "turns {my} head", "moving {my} head",
        "move {my} head", "tilting {my} head", "tilt {my} head", "nodding {my} head",
        "looking over {my} shoulder", "look over {my} shoulder",
        "turn {my} neck",
    ),
    "shoulder": (
        "shoulder", "shoulders", "sholder", "sholders", "shoulder joint", "rotator cuff",
        "collarbone", "collar bone", "clavicle", "deltoid",
        "sholdr", "sholdrs", "shouldr", "shldr",
    ),
    "upper_back": (
        "upper back", "upper-back", "upperback", "mid back", "mid-back", "middle back", "midback",
        "thoracic", "thoracic spine", "between {my} shoulder blades", "between {my} shoulderblades",
        "shoulder blade", "shoulder blades", "shoulderblade", "shoulderblades", "scapula",
        "rhomboid", "rhomboids",
        "upper left back", "upper right back",
        "sholder blade", "sholder blades", "shoulder-blade",
    ),
    "lower_back": (
        "lower back", "low back", "lowerback", "lumbar", "lumbar spine", "lower spine", "lumbago",
        "lower-back", "low-back", "small of {my} back", "lowr back", "lwr back", "lower bak",
        "lowr bak", "low bak", "lwr bak",
        "lower left back", "lower right back",
    ),
    "back": (
        "back", "spine", "backache", "back ache", "backbone", "bak", "bakc",
    ),
    "chest": (
        "chest", "rib", "ribs", "ribcage", "rib cage", "sternum", "breastbone", "pec", "pecs",
    ),
    "abdomen": (
        "abdomen", "abdominal", "stomach", "belly", "tummy", "abs",
    ),
    "pelvis": (
        "pelvis", "pelvic", "tailbone", "tail bone", "coccyx", "sacrum", "si joint", "sacroiliac",
        "sacroiliac joint", "pubic bone",
    ),
    "hip": (
        "hip", "hips", "hip joint", "hip flexor", "hip flexors",
        "hipp", "hipps",
    ),
    "buttock": (
        "buttock", "buttocks", "butt", "glute", "glutes", "bum", "backside", "butt cheek",
        "rear end", "piriformis",
    ),
    "groin": (
        "groin",
    ),
    "arm": (
        "arm", "arms", "upper arm", "forearm", "forearms", "bicep", "biceps", "tricep", "triceps",
    ),
    "elbow": (
        "elbow", "elbows", "tennis elbow", "golfer's elbow",
    ),
    "wrist": (
        "wrist", "wrists", "carpal tunnel",
    ),
    "hand": (
        "hand", "hands", "finger", "fingers", "thumb", "thumbs", "palm", "palms", "knuckle",
        "knuckles", "pinky", "index finger",
    ),
    "leg": (
        "leg", "legs",
    ),
    "thigh": (
        "thigh", "thighs", "hamstring", "hamstrings", "quad", "quads", "quadriceps",
        "back of {my} thigh", "it band", "itb",
    ),
    "knee": (
        "knee", "knees", "kneee", "kneees", "knes", "kneecap", "kneecaps", "knee cap", "patella",
        "knne", "kne", "my nee", "my nees",
        # "nee" only after a side ("my rite nee": pass L); alone it is a maiden name
        "right nee", "rite nee", "left nee", "lft nee", "rt nee", "lt nee", "both nees",
        "acl", "mcl", "meniscus",
        "back of {my} knee",
    ),
    "lower_leg": (
        "shin", "shins", "calf", "calves", "lower leg", "lower legs", "shin splints", "lower-leg",
    ),
    "ankle": (
        "ankle", "ankles", "achilles", "achilles tendon",
    ),
    "foot": (
        "foot", "feet", "heel", "heels", "arch", "arches", "toe", "toes", "big toe", "sole",
        "soles", "instep", "plantar fascia", "plantar fasciitis", "ball of {my} foot",
    ),
    "widespread": (
        "all over", "everywhere", "whole body", "entire body", "fibromyalgia", "fibro",
        "all over my body", "everything hurts", "head to toe",
    ),
}
# fmt: on

# Plural of a paired part with no side named means both ("my knees").
# fmt: off
PAIRED_PLURALS = frozenset({
    "ankles", "arms", "calves", "elbows", "feet", "forearms", "hamstrings", "hands", "heels",
    "hips", "kneecaps", "knees", "kneees", "legs", "quads", "shins", "sholders", "shoulders",
    "thighs",
    "wrists",
})
# Body parts only with a possessive or a pain word nearby ("came back", "on foot").
AMBIGUOUS = frozenset({
    "abs", "arch", "arm", "arms", "back", "bum", "butt", "chest", "fibro", "foot", "hand", "hands",
    "head", "palm", "quad", "rib", "sole", "temple",
})
# fmt: on

# Activity names -> how patients say them.
# fmt: off
ACTIVITY_TERMS: dict[str, tuple[str, ...]] = {
    "walking": (
        "walk", "walks", "walked", "walking", "go for {my} walk", "going for walks",
        # The first steps out of bed are walking, not stairs.
        "first steps", "first few steps", "first step",
        "going for {my} walk", "get around", "getting around", "walk {my} dog", "walking {my} dog",
        "take {my} walk", "long walks",
        "limp", "limps", "limping", "with a cane", "walker", "put weight on", "putting weight on",
    ),
    "standing": (
        "stand", "stands", "standing", "stood", "stand up", "standing up", "on {my} feet",
        "being on {my} feet", "get up from {my} chair", "getting up from {my} chair",
        "get out of {my} chair", "getting out of {my} chair", "stand up from sitting",
        "standing up from sitting", "get up from sitting", "getting up from sitting",
    ),
    "sitting": (
        "sit", "sits", "sitting", "sit down", "sitting down", "sit through", "sitting through",
        "sit still", "sit for long", "long car rides",
    ),
    "sleeping": (
        "sleep", "sleeps", "sleeping", "slept", "fall asleep", "falling asleep", "stay asleep",
        "staying asleep", "wakes me up", "wakes me", "keeps me up", "keeps me awake", "lie down",
        "lying down", "lay down", "laying down", "roll over in bed", "turn over in bed",
        "rolling over in bed", "in bed",
    ),
    "lifting": (
        "lift", "lifts", "lifting", "lifted", "pick up", "picking up", "pick things up",
        "picking things up", "pick up {my} kids", "pick up {my} grandkids",
        "pick up {my} toddler", "picking up {my} toddler", "pick up {my} baby",
        "picking up {my} baby", "lift {my} kids", "lifting {my} kids", "lifting patients",
        "lift patients", "lifting boxes", "lift boxes", "lift heavy", "lifting heavy",
    ),
    "carrying": (
        "carry", "carries", "carrying", "carried", "haul", "hauling", "hold {my} baby",
        "holding {my} baby", "carry groceries", "carrying groceries",
        "laundry basket", "trays", "carrying trays", "briefcase", "carry {my} bag",
        "carrying {my} bag",
    ),
    "bending": (
        "bend", "bends", "bending", "bend over", "bending over", "bend down", "bending down",
        "lean forward", "leaning forward", "stoop", "stooping", "touch {my} toes", "reach down",
        "reach the floor",
    ),
    "stairs": (
        "stairs", "stair", "staircase", "stairway", "steps", "flight of stairs", "climb",
        "climbing", "climbing stairs", "upstairs", "downstairs", "curbs",
        "flights", "subway stairs", "church steps",
        "walking up", "walk up", "going up", "go up", "climb up", "climbing up", "walking down",
        "going down",
    ),
    "running": (
        "run", "runs", "running", "ran", "jog", "jogs", "jogging", "jogged", "sprint", "sprinting",
        "go for {my} run",
        "chasing {my} toddler", "chasing {my} kids", "chase {my} kids", "chase {my} toddler",
        "keep up with {my} kids",
    ),
    "driving": (
        "drive", "drives", "driving", "drove", "in the car", "car ride", "car rides", "commute",
        "commuting", "check {my} blind spot",
        "in and out of the car", "get out of the car", "getting out of the car",
        "back out of {my} driveway", "backing out", "change lanes", "change lane",
        "changing lanes", "check {my} mirrors", "reversing", "parallel park",
    ),
    "work": (
        "work", "working", "job", "my shift", "shifts", "go to work", "at work", "workday",
        "work day", "back to work", "get back to work", "go back to work",
        "whole shift", "at {my} job", "do {my} job",
    ),
    "housework": (
        "housework", "house work", "chores", "household chores", "cleaning", "clean the house",
        "cleaning the house", "vacuum", "vacuuming", "mop", "mopping", "sweep", "sweeping",
        "laundry", "dishes", "cooking", "cook", "gardening", "garden", "yard work", "yardwork",
        "mow the lawn", "mowing the lawn", "mowing", "raking", "make the bed", "making the bed",
        "shovel", "shoveling", "shovelling",
        "wash up", "washing up", "planting", "weeding", "at the stove",
    ),
    "self_care": (
        "get dressed", "getting dressed", "dressing", "dress myself", "socks", "shoes on",
        "tie {my} shoes", "tying {my} shoes", "put on {my} shoes", "putting on {my} shoes",
        "put on {my} socks", "putting on {my} socks", "pants on", "put on {my} pants", "bra",
        "button", "buttons", "shower", "showering", "bathe", "bathing", "bath", "wash {my} hair",
        "washing {my} hair", "brush {my} hair", "comb {my} hair", "brush {my} teeth",
        "use the toilet", "shave", "shaving", "get in the tub", "get out of the tub", "dry myself",
        "behind {my} back", "reach behind {my} back", "tuck in {my} shirt", "take care of myself",
        "do {my} hair", "put on makeup", "bathtub", "the tub", "put on {my} coat",
        "put {my} coat on", "put on {my} jacket", "put {my} jacket on", "coat on", "jacket on",
        "shoes", "shoe", "sock", "socks and shoes", "jumper on", "sweater on", "shirt on",
        "hook {my} bra", "blowdry", "blow dry", "dry {my} hair", "doing {my} hair",
        "off the toilet", "getting off the toilet", "buttoning", "brushing {my} teeth", "zip up",
        "socks on", "get {my} socks on", "getting {my} socks on",
    ),
    "reaching_overhead": (
        "reach overhead", "reaching overhead", "overhead", "reach up", "reaching up",
        "over {my} head", "above {my} head", "lift {my} arm", "lift {my} arms", "lifting {my} arm",
        "lifting {my} arms", "raise {my} arm", "raise {my} arms", "raising {my} arm",
        "put {my} arm up", "top shelf", "high shelf", "high shelves", "upper shelf",
        "upper cabinets",
        "hang the laundry", "hanging the laundry", "hang {my} washing", "hanging the washing",
        "cupboards", "kitchen cupboards", "top shelves",
    ),
    "exercise_sport": (
        "exercise", "exercising", "work out", "working out", "workout", "workouts", "gym", "sport",
        "sports", "golf", "golfing", "tennis", "pickleball", "basketball", "soccer", "football",
        "baseball", "softball", "volleyball", "hockey", "yoga", "pilates", "swim", "swimming",
        "hike", "hiking", "bike", "biking", "cycling", "ride {my} bike", "dance", "dancing", "ski",
        "skiing", "crossfit", "lift weights", "lifting weights", "weightlifting", "weight lifting",
        "training", "boxing", "rock climbing", "marathon", "rowing",
        "bball", "flag football", "zumba", "tai chi", "gymnastics", "bench press",
        "overhead press", "deadlift", "deadlifts", "{my} exercises", "citi bike",
        "skating", "surfing", "serve", "serving", "jump", "jumping",
        "spin class", "the gym",
        "pushups", "push ups", "push-ups", "planks", "burpees", "sit ups at the gym",
    ),
    "gripping": (
        "grip", "gripping", "grab", "grabbing", "grasp", "grasping", "hold", "holding",
        "hold {my} phone", "open jars", "open {my} jar", "opening jars", "opening {my} jar", "jar",
        "jars", "turn {my} doorknob", "turn {my} key", "door handles", "squeeze", "squeezing",
        "pinch", "pinching", "writing", "write", "hold {my} cup", "hold {my} pen",
        "drop things", "dropping things", "drop stuff", "dropping stuff",
        "shaking hands", "shake hands", "open doors", "coffee cup", "a cup", "kettle",
        "shaking drinks",
    ),
    "kneeling_squatting": (
        "kneel", "kneeling", "knelt", "squat", "squats", "squatting", "crouch", "crouching",
        "get down on the floor", "getting down on the floor", "get up off the floor",
        "get up from the floor", "getting up from the floor", "on {my} knees", "get on {my} knees",
        "kneel down", "squat down",
    ),
    "computer_use": (
        "typing", "to type", "can't type", "cannot type", "cant type", "can not type",
        "couldn't type", "couldnt type", "i type", "computer", "computers",
        "laptop", "keyboard", "mouse", "desk work", "computer work", "at {my} desk",
        "at the computer", "on the computer", "texting", "screen time",
        "{my} screen", "data entry",
    ),
}
# fmt: on

# Phrases that look like activities or body parts but are neither here; matched to hide them.
# fmt: off
MASKS: tuple[str, ...] = (
    "run errands", "running errands", "runs down", "running down", "shoots down", "didn't work",
    "did not work", "doesn't work", "does not work", "don't work", "nothing works",
    "nothing worked", "worked out", "work on", "on hold", "hold on",
    "on {my} back", "on {my} side", "on {my} stomach", "on {my} belly", "came back", "come back",
    "comes back", "coming back", "back then", "back again", "on the other hand", "on foot",
    "head to", "what type", "this type", "type of", "all over again", "runs in {my} family",
    "run in {my} family", "sit up injury", "sit ups", "sit-ups", "sit-up", "situps", "to work",
    "from work",
    "royal pain in the neck", "real pain in the neck", "total pain in the neck",
    "been a pain in the neck", "is a pain in the neck", "was a pain in the neck",
    "a pain in the neck of", "lift {my} head", "lifting {my} head", "rotate {my} arm",
    "rotating {my} arm", "on that foot", "at the back",
)
# fmt: on

POSSESSIVES = ("my", "the", "his", "her", "a", "your", "our", "their", "")


def expand(phrase: str) -> list[str]:
    """All spellings of a phrase template ("put on {my} socks" -> with my/the/none...)."""
    if "{my}" not in phrase:
        return [phrase]
    return [" ".join(phrase.replace("{my}", word).split()) for word in POSSESSIVES]
