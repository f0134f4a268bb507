-- The search synonym list (docs/catalog.md, "Search"): one row per line of the list. Without
-- expands_to the words are equivalent; with it, each word also finds the targets (one way).
-- The platform admin edits it at /catalog/synonyms or PUT /api/v1/catalog/synonyms.

create table cat_synonym (
    position    integer primary key check (position >= 0),
    words       text[] not null check (cardinality(words) between 1 and 20),
    expands_to  text[] not null default '{}' check (cardinality(expands_to) <= 20),
    check (cardinality(words) + cardinality(expands_to) >= 2)
);

insert into cat_synonym (position, words, expands_to) values
 (0,  '{社保,社会保险}', '{}'),
 (1,  '{医保,医疗保险,医疗保障}', '{}'),
 (2,  '{公积金,住房公积金}', '{}'),
 (3,  '{营业执照}', '{市场主体登记,个体工商户登记,企业登记,工商登记}'),
 (4,  '{工商登记,市场主体登记}', '{}'),
 (5,  '{身份证,居民身份证}', '{}'),
 (6,  '{户口,户籍}', '{}'),
 (7,  '{低保,最低生活保障}', '{}'),
 (8,  '{驾照,驾驶证}', '{机动车驾驶人}'),
 (9,  '{房产证,房产}', '{不动产登记,不动产}'),
 (10, '{出生证,出生医学证明}', '{}'),
 (11, '{疫苗,接种疫苗}', '{预防接种}'),
 (12, '{养老金}', '{养老保险待遇}'),
 (13, '{信用代码,统一社会信用代码}', '{}'),
 (14, '{政务热线,市民热线}', '{12345热线}'),
 (15, '{失业金,失业保险金}', '{}'),
 (16, '{租房}', '{出租房屋}'),
 (17, '{违章}', '{交通违法}'),
 (18, '{病历,健康档案}', '{电子健康档案}'),
 (19, '{办事指南}', '{政务服务事项}');
