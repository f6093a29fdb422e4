/**
 * Chat filler and discourse words: the frame around a claim ("hab gelesen, dass …", "is it true
 * that …", "lol"), not the claim. One phrase per line, words as typed; they are compared after
 * the same normalisation as any other word, longest phrase first. A word here neither picks
 * passages nor is required of one, and is never translated into German corpus words.
 */
export const GERMAN_FILLER = `
hab gelesen dass
habe gelesen dass
hab gehört dass
habe gehört dass
ich hab gelesen
ich habe gelesen
ich hab gehört
ich habe gehört
hab gelesen
habe gelesen
hab gehört
habe gehört
gelesen
stimmt es dass
stimmt es
stimmt das
stimmt
ist es wahr dass
ist das wahr
wahr
oder nicht
nicht wahr
oder
gell
gelle
ne
nä
odda
lol
lul
haha
hahaha
hehe
xd
omg
wow
krass
nix
drauf
digga
boah
ups
hey
hi
hallo
moin
servus
tach
hey leute
hallo leute
hi leute
moin leute
ihr
hat jemand
kennt jemand
weiß jemand
kann mir jemand sagen
kommt jemand
wisst ihr
wusstet ihr
meint ihr
glaub
glaube
ich glaube
ich denke
denke
finde
ich finde
irgendwie
irgendwo
irgendwer
angeblich
anscheinend
wohl
übrigens
btw
danke
bitte
frage
kurze frage
heißt es
hieß es
es heißt
sagt man
man sagt
mal ehrlich
ehrlich
eigentlich
oder so
und so
weißt du
weisst du
vllt
vlt
vielleicht
evtl
eig
eigtl
iwie
iwas
kp
keine ahnung
sowas
so was
halt
quasi
sozusagen
bro
jmd
jemand
ngl
steht das so drin
steht das drin
steht das da
steht so drin
steht drin
so drin
laut dem artikel
laut artikel
laut dem text
laut text
im artikel
im text
in dem artikel
in dem text
der artikel
der text
artikel
text
texte
der autor
die autorin
autor
autorin
gastbeitrag
beitrag
nochmal
nochmals
erstmal
egal
genau
wirklich
ziemlich
komplett
sorry
pls
plz
`;

export const ENGLISH_FILLER = `
i heard that
i heard
heard that
heard
i read that
i read
read that
is it true that
is it true
it true
true
isn't it
is that right
anyway
anyways
lol
lmao
rofl
haha
omg
wtf
btw
fyi
tbh
imo
imho
idk
hey
hi
hello
guys
folks
someone said
somebody said
someone
somebody
anyone know
does anyone know
anyone
anybody
can someone tell me
i think
i guess
i believe
i wonder
wonder
wondering
think
guess
apparently
supposedly
actually
basically
literally
really
seriously
kinda
sort of
kind of
like
just
ok
yeah
yep
nope
wait
thanks
please
question
quick question
you know
i mean
ngl
tbf
pls
plz
thx
ty
bro
dude
lowkey
afaik
iirc
ikr
smh
huh
according to the article
according to the text
the article says
the text says
the article
the text
article
the author
author
`;

/**
 * Words that name a text being read ("der Technofeudalismus-Text", "den Musk-Artikel", "the
 * Bezos article"): a study group names an article by its topic, so the words naming it are a
 * reference to the reading, not a claim about it. Normalised like any other word.
 */
export const DOCUMENT_WORDS = `artikel artikels artikeln text texts texte textes texten beitrag
beitrags gastbeitrag gastbeitrags aufsatz aufsatzes pdf paper papers reading readings article
articles`;
