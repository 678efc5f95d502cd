"""The tuning numbers of fact extraction, in one place, each with what it measures.

Windows count tokens (words and punctuation) between two mentions of one sentence. They
were set on the dev corpus; change one and re-score dev and dev2 (`make score`).
"""

from __future__ import annotations

from datetime import timedelta

# ----------------------------------------------------------------- rounds
# A dialogue said to have been launched at least this long before the article was
# published was launched at its first round; a later launch is the round in the news.
INCEPTION_MIN_AGE = timedelta(days=300)
# The largest number word read as a round's ordinal right after its noun: "Round three".
MAX_ROUND_ORDINAL = 99
# Tokens between the relative pronoun after a round and the event verb of its clause, its
# subject between them: "the fourth round, which Blinken hosted".
RELATIVE_EVENT_GAP = 4

# ----------------------------------------------------------------- commentary
# A joint subject within this many tokens of a speech verb speaks for both sides:
# "وأكد الطرفان", "Both sides reaffirmed".
JOINT_SPEECH_WINDOW = 2
# A speech verb within this many tokens of a sentence's start, with no one named,
# continues the previous speaker: "كما أشار إلى أن …".
CONTINUED_SPEECH_WINDOW = 2

# ----------------------------------------------------------------- subjects of a sentence
# A sentence's subject stands within its first words: "كما أعلنت دولة قطر".
SUBJECT_WINDOW = 3
# Two countries within a sentence's first words act together: "The United States and the
# State of Qatar …".
JOINT_SUBJECT_WINDOW = 6

# ----------------------------------------------------------------- officials
# Lower-case words that may modify a post in an English appositive after a name: "Majed
# Al-Ansari, the foreign ministry spokesperson," (two).
APPOSITIVE_MODIFIERS = 3

# ----------------------------------------------------------------- topics
# A topic at most this many tokens after a timing cue, with no comma between, dates the
# event rather than naming a topic: "تزامنت الخامسة مع استضافة قطر لبطولة كأس العالم" (five).
TIMING_SCOPE = 6
# A topic names a session when at most this many tokens stand between the session noun and
# it: "جلسة التعاون الاقتصادي" (none), "a session on trade" (one), "a session devoted to the
# security of …".
SESSION_TOPIC_GAP = 3
# … and so do the topics listed after it, each at most this many tokens after the one
# before: "والتجارة والاستثمار" (none), "trade, investment and energy" (a comma, "and").
TOPIC_LIST_GAP = 2

# ----------------------------------------------------------------- agreements
# An agreement whose clause dates its signing this many months or more before publication
# ("signed in 1992", "last year") was not signed at a round whose date the article does not
# give: it belongs to no round.
SIGNED_LONG_BEFORE_MONTHS = 10
# An amendment cue at most this far before an agreement noun (with no other agreement noun
# between) makes it an amending agreement: "تعديل … مذكرة التفاهم", "an amendment to the two
# countries' Defense Cooperation Agreement".
AMENDMENT_WINDOW = 8
# A relative clause saying a document was signed ("الذي وقع", "that was signed") starts at
# most this far after its noun: "ببيان النوايا الذي وقع", "بمذكرة التفاهم حول أمن الطيران، التي وقعاها".
PAST_SIGNING_WINDOW = 8
# A re-affirming cue at most this far before an agreement noun: the agreement is not new.
REAFFIRM_WINDOW = 3
# A renewal cue with at most this many tokens between it and an agreement noun renews it:
# "تجديد مذكرة التفاهم" (none), "تمديد العمل بمذكرة التفاهم", "renewed the memorandum" (one).
RENEWAL_GAP = 2
# A round lasts at most this many days from the date the article gives it: a document signed on
# a later one of them ("اليوم الختامي", the second day) was signed at the round.
ROUND_DAYS = 3
# A negation at most this many tokens before a signing verb negates it: "لم توقع" (none), "دون أن
# يوقعاها" (one), "was not signed" (none), "لم يتم توقيع" (one).
NEGATED_SIGNING_GAP = 1
# Topics that modify an agreement noun from the left start at most this far before it:
# "a defense cooperation agreement".
PREMODIFIER_WINDOW = 4

# ----------------------------------------------------------------- commitments
# Words between a commitment cue and the country that pledges ("Qatar's multi-year pledge":
# the possessive and hyphens are not counted).
PARTY_WINDOW = 3
# Tokens between a pledge's amount and the round named after it as the one it was made at:
# "a $45 billion pledge first made at the second round".
ROUND_AFTER_AMOUNT = 7
# Tokens between "by", "من قبل" and the country that pledges: "a pledge by the State of Qatar".
AGENT_WINDOW = 2
# A country at most this far before a dialogue or round noun names the dialogue, and is not
# the subject that pledges: "At the sixth U.S.-Qatar Strategic Dialogue, …" (three).
DIALOGUE_NAME_GAP = 3
# A duration starting at most this far after a commitment's amount is its duration:
# "75 مليون دولار على مدى خمس سنوات".
DURATION_AFTER_AMOUNT = 4
# … or one starting at most this far after a duration cue in the same clause: "over".
DURATION_AFTER_CUE = 3
# … or, failing those, one ending at most this far before the amount: "a five-year, $100
# million programme", "a five-year pledge of $100 million".
DURATION_BEFORE_AMOUNT = 3

# ----------------------------------------------------------------- dialogues
# A country within this many tokens of a dialogue noun names a party of the dialogue:
# "الحوار الاستراتيجي بين قطر والولايات المتحدة".
DIALOGUE_PARTY_WINDOW = 6
# How much a country named next to the dialogue noun counts against one named elsewhere.
NEAR_DIALOGUE_WEIGHT = 2
# Each official of a country counts as this many mentions of that country.
OFFICIAL_COUNTRY_WEIGHT = 3
