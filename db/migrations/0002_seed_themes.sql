-- Seeds the bilingual theme taxonomy from DESIGN.md (18 themes, in display order). The terms are
-- the words a reader might type, with inflections and compounds spelled out because Snowball does
-- not split compounds; they are used later for lexical query expansion and theme suggestion.
-- Descriptions are embedded and matched against passages. Person-first, non-judgemental language.

INSERT INTO themes (slug, label_nb, label_en, description_nb, description_en, terms_nb, terms_en, sort_order) VALUES
(
  'tvang',
  'Tvang',
  'Coercion',
  'Å bli lagt inn mot sin vilje, holdt fast, lagt i belter eller skjermet, og å få medisiner med tvang etter et tvangsvedtak. Fortellinger om å miste kontrollen over eget liv og egen kropp, om frykt, krenkelse og mistillit til hjelperne – og om hva som hjalp eller gjorde det verre, som å bli lyttet til, få en forklaring eller klage på vedtaket.',
  'Being admitted against one''s will, held down, put in restraints or secluded, and given medication by force under a compulsory treatment order. Stories of losing control over one''s own life and body, of fear, humiliation and lost trust in staff – and of what helped or made it worse, such as being listened to, having things explained or appealing the decision.',
  ARRAY['tvang', 'tvangsinnleggelse', 'tvangsinnlegging', 'tvangsinnlagt', 'innlagt mot min vilje', 'tvangsmedisinering', 'tvangsmedisinert', 'tvangsmidler', 'belter', 'beltelegging', 'lagt i belter', 'skjerming', 'skjermet', 'tvangsvedtak', 'tvungent psykisk helsevern', 'tvangsbehandling', 'tvangsbruk', 'holdt fast', 'nedholding', 'kontrollkommisjonen'],
  ARRAY['coercion', 'coerced', 'forced admission', 'involuntary admission', 'sectioned', 'detained', 'restraint', 'restrained', 'mechanical restraint', 'forced medication', 'seclusion', 'compulsory treatment', 'held down', 'against my will', 'mental health act'],
  1
),
(
  'medisinfri-behandling',
  'Medisinfri behandling',
  'Medication-free treatment',
  'Ønsket om å få behandling uten psykofarmaka, eller å trappe ned og slutte med medisiner som antipsykotika og antidepressiva. Handler om bivirkninger, abstinenser og seponering, om å bli hørt på eget valg, om samarbeid med lege og behandler underveis, og om hvordan livet ble med færre eller uten medisiner.',
  'Wanting treatment without psychiatric drugs, or tapering and coming off medication such as antipsychotics and antidepressants. It covers side effects, withdrawal symptoms and discontinuation, being heard in one''s own choice, working with doctors and therapists along the way, and what life was like with fewer or no medications.',
  ARRAY['medisinfri', 'medisinfrie', 'medisinfri behandling', 'medisinfritt behandlingstilbud', 'medikamentfri', 'medikamentfri behandling', 'legemiddelfri', 'uten medisiner', 'nedtrapping', 'trappe ned', 'trappet ned', 'seponering', 'seponeringssymptomer', 'slutte med medisiner', 'bivirkninger', 'antipsykotika', 'antidepressiva', 'psykofarmaka'],
  ARRAY['medication-free', 'medication free', 'drug-free treatment', 'without medication', 'tapering', 'taper', 'coming off medication', 'discontinuation', 'side effects', 'antipsychotics', 'antidepressants', 'psychiatric drugs', 'psychiatric medication', 'withdrawal symptoms'],
  2
),
(
  'rusfrihet',
  'Rusfrihet',
  'Recovery from substance use',
  'Veien ut av rusavhengighet: å bli rusfri, avrusning, abstinenser, rusbehandling og rehabilitering, LAR og selvhjelpsgrupper som NA og AA. Fortellinger om tilbakefall og sprekk, om å bygge et nytt liv og en hverdag uten rus, og om hva som gjorde det mulig å holde seg rusfri.',
  'The road out of substance dependence: getting clean and sober, detox, withdrawal, substance use treatment and rehabilitation, opioid substitution treatment, and peer groups such as NA and AA. Stories of relapse, of building a new life and an everyday routine without drugs or alcohol, and of what made it possible to stay in recovery.',
  ARRAY['rusfri', 'bli rusfri', 'rusfrihet', 'rusfritt liv', 'edru', 'rus', 'dop', 'fyll', 'rusavhengighet', 'avhengighet', 'avrusning', 'rusbehandling', 'rehabilitering', 'tilbakefall', 'sprekk', 'abstinens', 'lar', 'legemiddelassistert rehabilitering', 'na', 'aa'],
  ARRAY['recovery', 'sobriety', 'sober', 'clean', 'detox', 'relapse', 'rehab', 'withdrawal', 'opioid substitution', 'methadone', '12-step', 'narcotics anonymous', 'substance use', 'addiction', 'drug use'],
  3
),
(
  'rop',
  'Rus og psykisk lidelse (ROP)',
  'Co-occurring substance use and mental illness',
  'Å ha både rusproblemer og psykisk lidelse samtidig, og hvordan rusen og det psykiske henger sammen – rus som selvmedisinering mot angst, stemmer eller depresjon, eller psykose utløst av rus. Handler om å bli en kasteball mellom rusbehandling og psykisk helsevern, om krav om å være rusfri før man får psykiatrisk behandling, og om integrert behandling og ACT- og FACT-team som ser hele mennesket.',
  'Living with both substance use problems and mental illness at the same time, and how the two are intertwined – using drugs or alcohol to self-medicate anxiety, voices or depression, or psychosis triggered by drug use. It covers being passed back and forth between addiction services and mental health services, being told to get sober before getting psychiatric help, and integrated treatment and ACT/FACT teams that see the whole person.',
  ARRAY['rop', 'rop-lidelse', 'rus og psykisk lidelse', 'rus og psykisk helse', 'samtidig rus og psykisk lidelse', 'dobbeltdiagnose', 'selvmedisinering', 'selvmedisinere', 'rusutløst psykose', 'ruspsykose', 'kasteball', 'integrert behandling', 'act-team', 'fact-team', 'tsb', 'tverrfaglig spesialisert rusbehandling'],
  ARRAY['co-occurring', 'co-occurring disorders', 'dual diagnosis', 'comorbidity', 'self-medication', 'self-medicating', 'drug-induced psychosis', 'integrated treatment', 'act team', 'fact team', 'substance use and mental illness', 'mental illness and addiction'],
  4
),
(
  'vendepunkt-og-hap',
  'Vendepunkt og håp',
  'Turning points and hope',
  'Øyeblikkene da noe snudde: et møte med et menneske som trodde på meg, en erkjennelse, en ny mulighet eller en hendelse som fikk meg til å ville leve og bli bedre. Fortellinger om håp, mestring og bedring, om små skritt framover og om hva som gjorde at livet ble verdt å leve igjen.',
  'The moments when things turned around: meeting someone who believed in me, a realisation, a new opportunity or an event that made me want to live and get better. Stories of hope, coping and recovery, of small steps forward, and of what made life worth living again.',
  ARRAY['vendepunkt', 'vendepunktet', 'håp', 'håpefull', 'bedring', 'recovery', 'tilfriskning', 'bli frisk', 'mestring', 'det snudde', 'gjennombrudd', 'motivasjon', 'noen som trodde på meg', 'livsmot', 'nytt liv', 'små skritt'],
  ARRAY['turning point', 'hope', 'hopeful', 'recovery', 'getting better', 'breakthrough', 'motivation', 'someone believed in me', 'coping', 'new life', 'small steps', 'wellbeing'],
  5
),
(
  'parorende',
  'Pårørende',
  'Family and carers',
  'Erfaringer som mor, far, barn, søsken, partner eller venn av en person med psykiske helseproblemer eller rusproblemer. Handler om bekymring, skyld, skam og utmattelse, om å bli holdt utenfor eller tatt med av helsetjenesten og taushetsplikten, om å vokse opp som barn som pårørende, og om hva familien trengte av støtte.',
  'Experiences as a mother, father, child, sibling, partner or friend of someone with mental health or substance use problems. It covers worry, guilt, shame and exhaustion, being shut out or included by health services and confidentiality rules, growing up as a young carer, and the support families needed.',
  ARRAY['pårørende', 'parorende', 'barn som pårørende', 'pårørendestøtte', 'pårørendesenter', 'familie', 'foreldre', 'mamma', 'pappa', 'søsken', 'partner', 'ektefelle', 'samboer', 'taushetsplikt', 'omsorgsbyrde', 'lpp'],
  ARRAY['family', 'relatives', 'carer', 'carers', 'caregiver', 'next of kin', 'parents', 'siblings', 'young carers', 'confidentiality', 'family involvement', 'loved one'],
  6
),
(
  'erfaringskonsulent',
  'Erfaringskonsulent',
  'Peer work',
  'Å bruke egen erfaring med psykiske helseproblemer eller rus i jobb, som erfaringskonsulent, likeperson eller erfaringsmedarbeider i helsetjenesten, et ACT-team eller en brukerorganisasjon. Handler om likepersonsarbeid, om å møte andre der de er, om rollen blant fagfolk og om hva det betyr å ha vært der selv.',
  'Using one''s own lived experience of mental health problems or substance use at work, as a peer support worker, peer specialist or experience consultant in health services, outreach teams or user organisations. It covers peer support, meeting people where they are, finding one''s role among professionals, and what it means to have been there oneself.',
  ARRAY['erfaringskonsulent', 'erfaringskompetanse', 'erfaringsbasert kompetanse', 'erfaringsmedarbeider', 'erfaringsformidler', 'likeperson', 'likepersonsarbeid', 'likemann', 'likemannsarbeid', 'brukerspesialist', 'erfaringsbasert', 'egenerfaring', 'egen erfaring', 'har vært der selv'],
  ARRAY['peer support', 'peer worker', 'peer support worker', 'peer specialist', 'peer work', 'experience consultant', 'lived experience', 'expert by experience', 'peer mentor', 'recovery coach'],
  7
),
(
  'brukermedvirkning',
  'Brukermedvirkning',
  'User involvement',
  'Retten til å bli hørt og ha innflytelse på egen behandling og på hvordan tjenestene utformes. Handler om samvalg, individuell plan og behandlingsplan, brukerråd og brukerorganisasjoner, og om opplevelsen av å bli tatt på alvor – eller av at medvirkning bare var ord på papiret.',
  'The right to be heard and to have a say in one''s own treatment and in how services are designed. It covers shared decision-making, individual care plans, service user councils and user organisations, and the experience of being taken seriously – or of involvement being words on paper only.',
  ARRAY['brukermedvirkning', 'medvirkning', 'medbestemmelse', 'innflytelse', 'brukerstemme', 'samvalg', 'bli hørt', 'bli tatt på alvor', 'individuell plan', 'behandlingsplan', 'brukerråd', 'brukerorganisasjon', 'brukerrepresentant', 'pasientrettigheter', 'pasient- og brukerrettighetsloven', 'pasientombud'],
  ARRAY['user involvement', 'service user involvement', 'shared decision-making', 'participation', 'having a say', 'being heard', 'care plan', 'individual plan', 'patient rights', 'user organisation', 'coproduction', 'co-production'],
  8
),
(
  'stigma',
  'Stigma',
  'Stigma',
  'Fordommer, skam og utestengning knyttet til psykisk lidelse og rusbruk – fra omgivelsene, på jobb, i helsevesenet og i en selv. Handler om å bli sett på som diagnosen sin, om merkelapper og ord som sårer, om å skjule det eller være åpen, og om hvordan selvstigma påvirker livet.',
  'Prejudice, shame and exclusion around mental illness and drug use – from other people, at work, in health care and within oneself. It covers being reduced to a diagnosis, labels and words that hurt, hiding it or being open, and how self-stigma shapes a life.',
  ARRAY['stigma', 'stigmatisering', 'stigmatisert', 'selvstigma', 'fordommer', 'skam', 'skamfølelse', 'tabu', 'åpenhet', 'være åpen', 'merkelapp', 'stempel', 'stemplet', 'diskriminering', 'forskjellsbehandling', 'utestengt', 'holdninger', 'sett ned på'],
  ARRAY['stigma', 'stigmatised', 'stigmatized', 'self-stigma', 'prejudice', 'shame', 'discrimination', 'labelled', 'labels', 'taboo', 'openness', 'attitudes', 'judged'],
  9
),
(
  'selvmordstanker',
  'Selvmordstanker',
  'Suicidal thoughts',
  'Tanker om å ta sitt eget liv, selvmordsforsøk og selvskading, og det å ikke orke mer. Fortellinger om hvordan det var å ha det slik, om å fortelle noen, om kriseplan, akuttmottak og oppfølging etterpå, om etterlatte, og om det som fikk en til å holde ut og ville leve.',
  'Thoughts of taking one''s own life, suicide attempts and self-harm, and feeling unable to go on. Stories of what it was like, of telling someone, of crisis plans, emergency care and follow-up afterwards, of people bereaved by suicide, and of what made it possible to hold on and want to live.',
  ARRAY['selvmordstanker', 'selvmord', 'selvmordsforsøk', 'selvmordsfare', 'suicid', 'suicidal', 'suicidalitet', 'selvskading', 'skade meg selv', 'kutting', 'ta livet mitt', 'ta sitt eget liv', 'ville ikke leve', 'orket ikke mer', 'dødsønske', 'kriseplan', 'etterlatte'],
  ARRAY['suicidal thoughts', 'suicide', 'suicidal', 'suicide attempt', 'self-harm', 'self-injury', 'cutting', 'wanting to die', 'end my life', 'crisis plan', 'safety plan', 'bereaved by suicide'],
  10
),
(
  'traumer-og-vold',
  'Traumer og vold',
  'Trauma and violence',
  'Erfaringer med vold, overgrep, mobbing, omsorgssvikt og andre traumer, i barndommen eller som voksen, og hvordan de har satt spor i kropp og sinn. Handler om flashbacks, dissosiasjon og PTSD, om å bli trodd eller ikke, om vold i nære relasjoner og om traumebevisst hjelp som gjorde det mulig å leve med det som skjedde.',
  'Experiences of violence, abuse, bullying, neglect and other trauma, in childhood or as an adult, and how they have left their mark on body and mind. It covers flashbacks, dissociation and PTSD, being believed or not, domestic and intimate partner violence, and trauma-informed help that made it possible to live with what happened.',
  ARRAY['traume', 'traumer', 'traumatisert', 'traumatisk', 'ptsd', 'posttraumatisk stress', 'vold', 'vold i nære relasjoner', 'overgrep', 'seksuelle overgrep', 'voldtekt', 'incest', 'mobbing', 'mobbet', 'omsorgssvikt', 'flashbacks', 'dissosiasjon', 'traumebevisst', 'traumebehandling'],
  ARRAY['trauma', 'traumatic', 'ptsd', 'abuse', 'sexual abuse', 'violence', 'domestic violence', 'rape', 'bullying', 'neglect', 'childhood trauma', 'flashbacks', 'dissociation', 'trauma-informed'],
  11
),
(
  'arbeid-og-nav',
  'Arbeid og NAV',
  'Work and NAV (welfare services)',
  'Å komme i jobb, holde på jobben eller falle ut av arbeidslivet med psykiske helseproblemer eller rusproblemer. Handler om møtet med NAV, sykmelding, arbeidsavklaringspenger (AAP), uføretrygd og sosialhjelp, om tiltak og individuell jobbstøtte (IPS), om økonomi og gjeld, og om hva det betyr å ha noe meningsfullt å gjøre.',
  'Getting into work, keeping a job or falling out of working life with mental health or substance use problems. It covers dealing with NAV, the Norwegian labour and welfare administration, sick leave, work assessment allowance, disability benefits and social assistance, employment schemes and Individual Placement and Support (IPS), money and debt, and what it means to have something meaningful to do.',
  ARRAY['nav', 'arbeid', 'jobb', 'arbeidsliv', 'arbeidsledig', 'sykmeldt', 'sykemeldt', 'sykmelding', 'aap', 'arbeidsavklaringspenger', 'ufør', 'uføretrygd', 'sosialhjelp', 'sosialstønad', 'ips', 'individuell jobbstøtte', 'arbeidstiltak', 'attføring', 'gjeld', 'økonomi'],
  ARRAY['work', 'job', 'employment', 'unemployment', 'unemployed', 'nav', 'welfare', 'benefits', 'sick leave', 'disability benefit', 'work assessment allowance', 'social assistance', 'ips', 'supported employment', 'debt'],
  12
),
(
  'bolig',
  'Bolig',
  'Housing',
  'Å ha et trygt sted å bo, eller å mangle det: bostedsløshet, hospits, midlertidig bolig og kommunal bolig. Handler om Housing First, bofellesskap og oppfølging i hjemmet, om utkastelse og husleie, og om hvor viktig et eget hjem er for å bli bedre.',
  'Having a safe place to live, or not having one: homelessness, hostels, temporary accommodation and council or municipal housing. It covers Housing First, supported housing and follow-up at home, eviction and rent, and how much a home of one''s own matters for recovery.',
  ARRAY['bolig', 'bosted', 'hjem', 'hjemløs', 'hjemløshet', 'bostedsløs', 'bostedsløshet', 'uten bolig', 'uten fast bosted', 'sove ute', 'hospits', 'midlertidig bolig', 'kommunal bolig', 'kommunal leilighet', 'housing first', 'bofellesskap', 'omsorgsbolig', 'boligsosial', 'utkastelse', 'husleie'],
  ARRAY['housing', 'homeless', 'homelessness', 'rough sleeping', 'sleeping rough', 'hostel', 'shelter', 'temporary accommodation', 'social housing', 'council housing', 'housing first', 'supported housing', 'eviction', 'rent', 'a place to live'],
  13
),
(
  'nettverk-og-ensomhet',
  'Nettverk og ensomhet',
  'Networks and loneliness',
  'Ensomhet, isolasjon og det å miste venner og kontakt med familien, og veien tilbake til fellesskap. Handler om å bygge et nytt nettverk etter rus eller lang tid i institusjon, om venner, nabolag, fritid og frivillighet, og om å høre til et sted og bety noe for andre.',
  'Loneliness, isolation and losing friends and contact with family, and the way back to belonging. It covers building a new social network after substance use or long stays in institutions, friendships, neighbourhood, leisure and volunteering, and feeling that one belongs somewhere and matters to others.',
  ARRAY['ensomhet', 'ensom', 'alene', 'isolasjon', 'isolert', 'isolerte meg', 'nettverk', 'sosialt nettverk', 'nettverksmøte', 'venner', 'vennskap', 'fellesskap', 'tilhørighet', 'miste venner', 'nytt nettverk', 'fritid', 'frivillighet'],
  ARRAY['loneliness', 'lonely', 'alone', 'isolation', 'isolated', 'social network', 'friends', 'friendship', 'community', 'belonging', 'social support', 'network meeting', 'volunteering'],
  14
),
(
  'mote-med-hjelpeapparatet',
  'Møte med hjelpeapparatet',
  'Meeting the help services',
  'Hvordan det var å søke og få hjelp: fastlege, DPS, psykiatrisk avdeling, kommunale tjenester, akutteam og legevakt. Handler om å bli sett og tatt på alvor eller avvist, om ventetid, henvisning og avslag, om diagnoser, om å måtte fortelle historien sin om og om igjen, og om behandlere og relasjoner som gjorde en forskjell.',
  'What it was like to seek and receive help: GPs, community mental health centres (DPS), psychiatric wards, municipal services, crisis teams and out-of-hours emergency care. It covers being seen and taken seriously or turned away, waiting lists, referrals and rejections, diagnoses, having to tell one''s story again and again, and therapists and relationships that made a difference.',
  ARRAY['hjelpeapparatet', 'helsevesenet', 'helsetjenesten', 'kommunale tjenester', 'behandler', 'behandlingsrelasjon', 'terapeut', 'psykolog', 'psykiater', 'fastlege', 'dps', 'distriktspsykiatrisk senter', 'psykiatrisk avdeling', 'legevakt', 'akutteam', 'henvisning', 'avslag', 'avvist', 'ventetid', 'bli sett'],
  ARRAY['help services', 'health services', 'mental health services', 'gp', 'doctor', 'therapist', 'psychologist', 'psychiatrist', 'psychiatric ward', 'community mental health centre', 'emergency department', 'crisis team', 'referral', 'waiting list', 'turned away'],
  15
),
(
  'samisk-perspektiv',
  'Samisk perspektiv',
  'Sámi perspective',
  'Erfaringer med psykisk helse og rus i et samisk liv og samfunn, i Sápmi og i byene. Handler om språk og kultur, om fornorskning og historiske traumer, om reindrift, familie og slekt, om å bli forstått eller misforstått av helsetjenesten, om behov for tolk og kulturforståelse, og om tilbud som SANKS.',
  'Experiences of mental health and substance use in Sámi lives and communities, in Sápmi and in the cities. It covers language and culture, Norwegianisation and historical trauma, reindeer herding, family and kinship, being understood or misunderstood by health services, the need for interpreters and cultural understanding, and services such as SANKS, the Sámi national competence centre for mental health and substance use.',
  ARRAY['samisk', 'same', 'samer', 'sápmi', 'sapmi', 'samisk språk', 'samisk kultur', 'språk og kultur', 'reindrift', 'fornorskning', 'fornorsking', 'kulturforståelse', 'kultursensitivitet', 'tolk', 'samisk tolk', 'sanks', 'urfolk', 'samisk helse'],
  ARRAY['sámi', 'sami', 'saami', 'sápmi', 'sapmi', 'indigenous', 'reindeer herding', 'sámi language', 'norwegianisation', 'norwegianization', 'cultural understanding', 'culturally sensitive', 'interpreter', 'historical trauma', 'sanks'],
  16
),
(
  'fengsel-og-sikkerhetspsykiatri',
  'Fengsel og sikkerhetspsykiatri',
  'Prison and forensic psychiatry',
  'Erfaringer med fengsel, varetekt og soning, med dom til tvungent psykisk helsevern og med opphold på regional eller lokal sikkerhetsavdeling. Handler om isolasjon, psykisk helse og rus bak murene, om straff og behandling, og om løslatelse, tilbakeføring og det å starte på nytt etter soning eller lang tid innlagt.',
  'Experiences of prison, remand custody and serving a sentence, of being sentenced to compulsory mental health care and of stays in regional or local secure psychiatric units. It covers isolation, mental health and substance use behind bars, punishment versus treatment, and release, reintegration and starting again after prison or long stays in secure care.',
  ARRAY['fengsel', 'soning', 'sonet', 'varetekt', 'innsatt', 'straff', 'dom', 'løslatelse', 'løslatt', 'tilbakeføring', 'dom til tvungent psykisk helsevern', 'tvungen omsorg', 'sikkerhetspsykiatri', 'sikkerhetsavdeling', 'regional sikkerhetsavdeling', 'rettspsykiatri', 'kriminalomsorgen', 'rusmestringsenhet', 'narkotikaprogram med domstolskontroll'],
  ARRAY['prison', 'jail', 'prisoner', 'inmate', 'remand', 'custody', 'serving a sentence', 'release', 'reintegration', 'forensic psychiatry', 'forensic', 'secure unit', 'secure ward', 'sentenced to compulsory care', 'criminal justice'],
  17
),
(
  'unge',
  'Unge',
  'Young people',
  'Å være barn eller ungdom med psykiske vansker eller rusproblemer, og møtet med BUP, skolehelsetjenesten, barnevernet og familien. Handler om skole og frafall, venner og mobbing, selvskading og spiseforstyrrelser, om å bli tatt på alvor som ung, og om overgangen til voksen når hjelpen fra BUP slutter og voksenpsykiatrien tar over.',
  'Being a child or young person with mental health difficulties or substance use problems, and dealing with child and adolescent mental health services (BUP), school health services, child welfare services and family. It covers school and dropping out, friends and bullying, self-harm and eating disorders, being taken seriously when young, and the transition to adulthood when child services end and adult psychiatry takes over.',
  ARRAY['unge', 'ungdom', 'ungdomstid', 'tenåring', 'barndom', 'bup', 'barne- og ungdomspsykiatri', 'skole', 'ungdomsskole', 'videregående', 'frafall', 'skolehelsetjenesten', 'helsesykepleier', 'helsesøster', 'barnevern', 'barnevernsinstitusjon', 'overgang til voksen', 'voksenpsykiatrien', 'unge voksne'],
  ARRAY['young people', 'youth', 'young person', 'teenager', 'adolescent', 'adolescence', 'child', 'childhood', 'camhs', 'school', 'dropping out', 'child welfare', 'child protection', 'transition to adult services', 'young adults'],
  18
);
