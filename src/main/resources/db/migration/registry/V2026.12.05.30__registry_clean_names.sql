-- System names that differ only in whitespace are one name (issue 16): store every name in its clean
-- form (blank runs, including U+00A0 and U+3000, become one space; none at the ends or beside Chinese
-- characters), as SystemNames.clean does. Names whose clean form would clash with another system of
-- the same agency are left as they are: they are duplicates for a person to resolve, and the
-- import's "already registered" check compares clean forms anyway.
with cleaned as (
    select id, agency_id,
           regexp_replace(
               btrim(regexp_replace(name, '[\s\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+', ' ', 'g')),
               ' (?=[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef])|(?<=[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]) ',
               '', 'g') as clean
    from reg_system
),
clashes as (
    select agency_id, lower(clean) as k from cleaned group by agency_id, lower(clean) having count(*) > 1
)
update reg_system s set name = c.clean
from cleaned c
where c.id = s.id and s.name <> c.clean and c.clean <> ''
  and not exists (select 1 from clashes x where x.agency_id = c.agency_id and x.k = lower(c.clean));
