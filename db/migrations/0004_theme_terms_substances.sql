-- The rusfrihet vocabulary named the recovery but not what people recover from: a clinician
-- searching «hasj», «amfetamin» or "alcohol", and a story that only ever says «hasjen» or
-- «drakk», found nothing through the theme. Substances and common inflections added
-- (theme suggestion counts them as evidence; search expands with them).
UPDATE themes
SET terms_nb = terms_nb || ARRAY['rusmidler', 'rusmiddel', 'rusbruk', 'ruset', 'alkohol', 'drikking', 'drakk', 'heroin', 'amfetamin',
                                 'hasj', 'cannabis', 'kokain', 'piller', 'abstinenser', 'avhengig', 'nykter'],
    terms_en = terms_en || ARRAY['alcohol', 'drinking', 'drugs', 'heroin', 'amphetamine', 'cannabis', 'cocaine', 'addicted', 'clean and sober']
WHERE slug = 'rusfrihet';
