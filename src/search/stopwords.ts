/**
 * The Snowball project's German stop-word list (BSD licence), plus the question words that
 * full questions bring ("wer", "wann", ...). Aggressive lists such as stopwords-iso drop content
 * words this corpus needs ("erste Reihe", "Rechte", "neue"), so the short list is used.
 */
const SNOWBALL_GERMAN = `aber alle allem allen aller alles als also am an ander andere anderem anderen
anderer anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den des
dem die das daß derselbe derselben denselben desselben demselben dieselbe dieselben dasselbe dazu
dein deine deinem deinen deiner deines denn derer dessen dich dir du dies diese diesem diesen dieser
dieses doch dort durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges
einmal er ihn ihm es etwas euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat
hatte hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist
jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner
keines können könnte machen man manche manchem manchen mancher manches mein meine meinem meinen
meiner meines mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem
seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher solches soll
sollte sondern sonst über um und uns unsere unserem unseren unser unseres unter viel vom von vor
während war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden
wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen`;

const QUESTION_WORDS = `wer wen wem wessen wann warum wieso weshalb weswegen wodurch womit wofür
woher wohin worum worüber wovor wozu welch viele wieviel wievielen wieviele laut`;

/** Contractions and auxiliary forms the Snowball list lacks. */
const FUNCTION_WORDS = `beim ums übers aufs vors durchs fürs ins wurde wurden worden sei seien seiest
hätte hätten wäre wären bzw sowie gibt gibts gab`;

/**
 * Particles of spoken German that people type in chat and that never decide what a passage is
 * about ("Will Bezos jetzt echt ne Zeitschrift kaufen?").
 */
const CHAT_PARTICLES = `ne nen ner mal halt eben echt eigentlich überhaupt wohl gar ja eh schon
bloß blos grad gerade etwa denn`;

/** Raw German stop words; compare them after the same normalisation as any other word. */
export const GERMAN_STOP_WORDS: readonly string[] =
  `${SNOWBALL_GERMAN} ${QUESTION_WORDS} ${FUNCTION_WORDS} ${CHAT_PARTICLES}`
    .split(/\s+/)
    .filter(Boolean);
