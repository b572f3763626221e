/**
 * Places a Norwegian recovery story tends to name: towns and municipalities, city districts,
 * hospitals, DPS and treatment places, prisons, a few regions and countries. Lowercased; an entry
 * of several words matches those words in a row. Psychiatric hospitals matter most: «Gaustad»,
 * «Dikemark» or «Sandviken» say as much about a person as a diagnosis.
 */
const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

export const PLACES: readonly string[] = lines(`
  oslo, bergen, trondheim, stavanger, tromsø, kristiansand, drammen, fredrikstad, sandnes, sarpsborg,
  skien, bodø, ålesund, sandefjord, larvik, tønsberg, arendal, haugesund, porsgrunn, moss, halden,
  lillehammer, hamar, gjøvik, molde, harstad, kongsberg, kongsvinger, elverum, narvik, alta, hammerfest,
  kirkenes, vadsø, vardø, karasjok, kautokeino, lakselv, finnsnes, mo i rana, mosjøen, sandnessjøen,
  brønnøysund, steinkjer, levanger, stjørdal, verdal, namsos, orkanger, røros, oppdal, kristiansund,
  ørsta, volda, førde, florø, sogndal, stord, leirvik, voss, odda, os, knarvik, askøy, sotra, lillestrøm,
  jessheim, ski, ås, asker, bærum, sandvika, lørenskog, strømmen, kløfta, eidsvoll, hønefoss, jevnaker,
  gol, geilo, notodden, bø, kragerø, risør, grimstad, lillesand, mandal, farsund, flekkefjord, egersund,
  bryne, jørpeland, kopervik, raufoss, brumunddal, moelv, tynset, otta, dombås, fagernes, gran, hadeland,
  nittedal, oppegård, kolbotn, drøbak, vestby, mysen, askim, ørje, rakkestad, horten, holmestrand,
  stokke, nøtterøy, tjøme, svelvik, mjøndalen, hokksund, vikersund, åmot, rena, trysil, kongsvinger,
  lofoten, vesterålen, svolvær, leknes, sortland, senja, lyngen, storslett, finnmark, troms, nordland,
  trøndelag, vestland, rogaland, agder, telemark, innlandet, viken, vestfold, østfold, hedmark,
  oppland, akershus, buskerud, hordaland, sogn, møre, romsdal, sunnmøre, valdres, hallingdal,
  gudbrandsdalen, østerdalen, sørlandet, nord-norge, vestlandet, østlandet, sápmi,
  grünerløkka, tøyen, grønland, gamlebyen, vålerenga, sagene, torshov, majorstuen, frogner, holmlia,
  mortensrud, furuset, stovner, romsås, grorud, haugerud, tveita, bøler, lambertseter, nordstrand,
  ullern, røa, vinderen, bislett, kampen, vika, sentrum, aker brygge, storo, nydalen, økern, ensjø,
  lademoen, møllenberg, heimdal, byåsen, laksevåg, fyllingsdalen, åsane, loddefjord, danmarksplass,
  nygårdshøyden, sandviken, storhaug, hillevåg,
  gaustad, ullevål, dikemark, lovisenberg, diakonhjemmet, aker, rikshospitalet, radiumhospitalet,
  haukeland, ahus, akershus universitetssykehus, oslo universitetssykehus, haukeland universitetssykehus,
  st. olavs hospital, st. olav, østmarka, brøset, sandviken sykehus, sykehuset innlandet, sanderud,
  reinsvoll, sykehuset østfold, kalnes, sykehuset telemark, sykehuset i vestfold, sykehuset vestfold,
  sørlandet sykehus, eg, stavanger universitetssjukehus, sus, dale, valen, åsgård, unn,
  nordlandssykehuset, helgelandssykehuset, finnmarkssykehuset, blakstad, modum bad, vestre viken,
  jæren dps, søndre oslo dps, nordre aasen, vinderen dps, follo dps, groruddalen dps, aker dps,
  lovisenberg dps, vindern dps, ila, ila fengsel, ullersmo, bredtveit, oslo fengsel, bergen fengsel,
  trondheim fengsel, bastøy, halden fengsel, hof fengsel, tromsø fengsel, ringerike fengsel,
  skien fengsel, kongsvinger fengsel, ringerike, ringvoll, tyrili, tyrilikollektivet, p22,
  phoenix haga, solliakollektivet, sollia, veksthuset, manifestsenteret, evangeliesenteret,
  kalnes sykehus, tromsø sykehus, trondheim sykehus, sentrum dps,
  norge, noreg, norway, sverige, sweden, danmark, denmark, finland, island, tyskland, germany,
  spania, spain, polen, poland, syria, somalia, irak, iraq, iran, pakistan, eritrea, afghanistan,
  thailand, london, stockholm, københavn, copenhagen, göteborg, gøteborg, berlin
`);

/** Places that are also everyday words: only a place when capitalised mid-sentence (or after i/på/fra/til). */
export const AMBIGUOUS_PLACES: ReadonlySet<string> = new Set(
  lines('moss, ski, ås, os, bø, gran, aker, eg, dale, valen, vik, sentrum, kampen, vika, sus, unn, rena, sogn, møre, ila, island, storo, stokke'),
);
