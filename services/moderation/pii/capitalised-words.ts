/**
 * Words that are capitalised in stories without naming a person or a place: days, months and
 * holidays (capitalised in English, and at times in Norwegian), God and faith, the services and
 * organisations of the field, family words used as names («Mamma sa …»), theme words used as
 * headings, and English words that English capitalises. Lowercased.
 */
const words = (s: string) => s.trim().split(/\s+/);

export const NOT_NAMES: ReadonlySet<string> = new Set(
  words(`
  mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tysdag laurdag sundag
  januar februar mars april juni juli september oktober november desember
  monday tuesday wednesday thursday friday saturday sunday january february march june july
  october december jul påske pinse nyttår julaften nyttårsaften sankthans christmas easter
  gud guds gud's herren jesus kristus allah bibelen koranen god god's lord bible
  nav dps bup vpp rop lar tsb phv ams legevakten legevakta akuttmottaket akutten politiet
  barnevernet kommunen fylkesmannen statsforvalteren helsedirektoratet helsenorge sykehuset
  sjukehuset blå kors kirkens bymisjon frelsesarmeen røde mental helse anonyme alkoholikere narkomane
  fontenehuset rusmiddeletaten velferdsetaten kriminalomsorgen husbanken helse sør-øst vest midt-norge
  nord mental helse ungdom larm a-larm rio lpp wayback marborg batteriet facebook instagram snapchat
  tiktok youtube netflix google spotify messenger whatsapp teams zoom iphone vinmonopolet rema kiwi
  meny coop mamma pappa mor far mora faren moren bestemor bestefar mormor morfar farmor farfar onkel
  tante søster bror storebror lillebror søsteren broren kjæresten venninna venninnen kompisen
  tvang rusfrihet recovery stigma håp skam angst depresjon psykose medisiner medisinfri pårørende
  erfaringskonsulent brukermedvirkning bolig arbeid ensomhet nettverk traumer vold unge samisk
  fengsel sikkerhetspsykiatri selvmordstanker vendepunkt hjelpeapparatet
  jeg du han hun vi dere de det den dette disse der da når så men og eller for om etter før hvis
  fordi selv ikke aldri alltid noen ingen alle mange mye lite nå nei ja takk hei kjære hilsen
  eg ho dei me kva korleis kvifor ikkje berre òg
  i the a an and but or if when then so yes no my our your his her their we they he she it this
  that there what why how who english norwegian norsk engelsk samisk svensk dansk norwegians
  narcotics alcoholics anonymous meeting meetings nrk
  internet tv dr professor doktor lege sykepleier psykolog psykiater
  `),
);
