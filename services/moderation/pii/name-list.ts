/**
 * Common given names and surnames in Norway (Bokmål/Nynorsk spellings, plus names common among
 * Norwegians with roots elsewhere), lowercased. A detection aid, not a census: an unknown name is
 * still found by the capitalisation heuristics in names.ts.
 */
const words = (s: string) => s.trim().split(/\s+/);

export const FIRST_NAMES: ReadonlySet<string> = new Set(
  words(`
  aase ada adam adrian agnes agnete aina aksel alexander alf alfred ali alice alma amalie amanda amir
  amna anders andrea andreas ane anette anita anja ann anna anne annette anne-lise anne-grethe anton are
  arild arne arnt asbjørn asgeir aslak astrid atle aud audun august axel ayan aisha åse åsmund
  bendik benedicte bengt bent berit bernt birgit birger bjarne bjørg bjørn bjørnar bodil borghild brage
  bror brit brita britt bård børge camilla carina caroline cathrine cecilie celine charlotte christian
  christina christine christoffer dag dagny dagfinn daniel david eddie edel edvard egil eilif eili eirik
  eivind elias elin elisabeth elise ella ellen else emil emilie emma endre erik erika erlend erling
  espen even eva evy filip finn fredrik frida frode frøydis gaute geir george gerd gina gisle gjermund
  grete grethe gro gry gudrun gunhild gunn gunnar gunvor guri gustav guttorm hafsa hallvard halvor
  halvard hamza hanna hanne hans harald hassan hedda hege heidi helene helga helge henning henrik
  herman hilde hildegunn hilmar hjalmar hussein håkon håvard ibrahim ida idun ine inga inge ingeborg
  inger ingrid ingunn ingvild ingvar isak ivar jakob jan jane janne jarle jens jenny jo joakim johan
  johanne johannes johanna jon jonas jonatan jorunn josefine julie julian june jørgen jørn kaja kamilla
  kari karianne karin karina karl karoline karsten kasper kathrine kenneth kent kenneth khalid kim
  kirsten kjartan kjell kjersti kjetil knut kristian kristiane kristin kristine kristoffer lars laila
  laura lea leif lena lene leo leon levi linda line linn linnea lisa lise liv live lotte lucas ludvig
  lukas magne magnus maja malin mads magnhild mai maiken malene marcus maren margit margrethe mari
  maria marianne marie marit markus marte martin martine mathias mats mette mia mikael mina mira
  mohamed mohammad mohammed mona morten muhammad nadia nils nina noah nora odd oda odin ola olaf olav
  ole oliver olga omar oskar oscar otto peder pernille per petter peter philip preben ragna ragnar
  ragnhild randi rasmus ravn reidar reidun rigmor rita roald robert roger rolf ronja rune ruth sahra
  sakarias samuel sander sanna sara selma sebastian signe sigrid sigmund sigurd silje simen simon siri
  siv sindre sissel snorre sofie sofia solveig sondre steinar stein stian stine svein svanhild sverre
  synnøve sølvi sønnøve tale tarjei terje thea theodor thomas thor thorvald tina tiril tobias tom tommy
  tone tonje tor tora tord tore torgeir torhild torild torbjørn torstein trine trond trude truls turid
  tuva unni ulrik vebjørn vegard vera veronica vibeke victoria vidar viggo vilde viljar vilja viktor
  william wenche yasmin yngve yusuf zahra øystein øyvind åge åsa ådne
  fatima fatma amina hodan leyla layla mariam maryam nour noor sana samira zainab ahmed abdi abdullah
  hamid jamal karim mahmoud mustafa rashid said tariq yasin youssef ayaan farah hawa ismail salma
  piotr tomasz katarzyna agnieszka magdalena olena oksana dmitri ivan natalia svetlana nguyen linh
  sarah john james michael emily jessica mary elizabeth jennifer david sam tom lucy rachel kate
  chris paul mark steve susan helen jack harry olivia sophie grace charlie daniel
  `),
);

export const SURNAMES: ReadonlySet<string> = new Set(
  words(`
  aas aasen ahmed ali amundsen andersen andreassen antonsen arnesen aune bakke bakken berg berge
  berntsen birkeland bjerke bjørnstad brekke brandt bråthen christensen christiansen dahl danielsen
  eide eikeland eliassen ellingsen engen eriksen evensen fjeld fossum fredriksen gulbrandsen gundersen
  hagen halvorsen hammer hansen hanssen haugland hauge haugen hegland helland henriksen holm holmen
  hovland hussain iversen jacobsen jakobsen jensen johannessen johansen johnsen jørgensen karlsen khan
  kristensen kristiansen kristoffersen knutsen kvalheim larsen lie lien lund lunde løken madsen
  martinsen mathisen mikkelsen moe moen myhre myklebust mørk nguyen nielsen nilsen nordmann nygaard
  nygård næss olsen paulsen pedersen pettersen rasmussen ruud rønning sandvik sandberg simonsen
  skogen solberg solheim solli stene strand strøm sundby sæther thomassen thorsen tveit tveiten
  ulriksen vik wold woll økland østby aasheim amundsen bjørklund bredesen dale ødegård ødegaard
  sørensen sivertsen sandnes rustad rød rasmussen pettersson nordby myrvold mo lindberg lid larsson
  kvam kolstad karlsson jenssen isaksen ingebrigtsen hoel hjelle hellesøy halvorsen grønli gran
  fosse foss flaten evjen engebretsen egeland dybvik brenna borgen berget aarnes abrahamsen
  andresen berntzen bø bråten dahle eggen fjellheim fjørtoft gjerde grande heggelund helgesen hermansen
  hovde jahr johannesen kleven kristoffersen langeland lyngstad mikalsen monsen nesse nordli nyberg
  olafsen opsahl ottesen rekdal rognstad saether sand seim skaug skjelbred stensrud sunde svendsen
  syversen teigen tangen torgersen tønnessen ulven vold vestby wang åsheim
  `),
);
