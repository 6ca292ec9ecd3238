"""Closed-class English words the stages share (not data: a fixed linguistic list)."""
from __future__ import annotations

# Function words a thesaurus may never replace (spinners mangle them only in
# phrases, which the phrasebook covers).
STOPWORDS = frozenset("""
a an the and or but nor so yet for of in on at to by from with without into onto upon about
above below over under between among through during before after since until as than then
that this these those which who whom whose what when where why how whether if because although
though while i me my mine we us our ours you your yours he him his she her hers it its they
them their theirs one ones is am are was were be been being do does did done have has had
having will would shall should can could may might must not no yes all any both each every
few more most other some such only own same very too also just now there here up down out off
again further once s t don't doesn't didn't isn't aren't wasn't weren't won't can't couldn't
shouldn't wouldn't it's that's there's i'm i've we're we've they're they've you're let's
mr mrs ms dr st per via vs etc
""".split())

#: Lower-case words allowed inside a capitalised name ("Center for Strategic and ...").
CONNECTORS = frozenset("of for and the on in de du la des del y & at to".split())
