-- The official working-day calendar (S4): weekdays are working days unless listed as a day off,
-- weekend days are days off unless listed as a make-up working day (调休). A year is usable once
-- its row in cal_year exists; deadlines that reach a year without one fall back to Monday-Friday
-- and are shown as provisional.

create table cal_year (
    year        integer primary key check (year between 2000 and 2100),
    source      text not null,
    updated_at  timestamptz not null default now(),
    version     bigint not null default 0
);

create table cal_day (
    day      date primary key,
    kind     text not null check (kind in ('day-off', 'working')),
    name_zh  text not null,
    name_en  text not null,
    year     integer not null references cal_year (year) on delete cascade,
    check (extract(year from day) = year)
);

insert into cal_year (year, source) values
    (2025, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）'),
    (2026, '国务院办公厅关于2026年部分节假日安排的通知');

insert into cal_day (day, kind, name_zh, name_en, year)
select d::date, 'day-off', h.name_zh, h.name_en, extract(year from d)::int
from (values
    ('2025-01-01'::date, '2025-01-01'::date, '元旦', 'New Year''s Day'),
    ('2025-01-28', '2025-02-04', '春节', 'Spring Festival'),
    ('2025-04-04', '2025-04-06', '清明节', 'Qingming Festival'),
    ('2025-05-01', '2025-05-05', '劳动节', 'Labour Day'),
    ('2025-05-31', '2025-06-02', '端午节', 'Dragon Boat Festival'),
    ('2025-10-01', '2025-10-08', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
    ('2026-01-01', '2026-01-03', '元旦', 'New Year''s Day'),
    ('2026-02-15', '2026-02-23', '春节', 'Spring Festival'),
    ('2026-04-04', '2026-04-06', '清明节', 'Qingming Festival'),
    ('2026-05-01', '2026-05-05', '劳动节', 'Labour Day'),
    ('2026-06-19', '2026-06-21', '端午节', 'Dragon Boat Festival'),
    ('2026-09-25', '2026-09-27', '中秋节', 'Mid-Autumn Festival'),
    ('2026-10-01', '2026-10-07', '国庆节', 'National Day')
) as h(first_day, last_day, name_zh, name_en),
generate_series(h.first_day, h.last_day, interval '1 day') as d;

insert into cal_day (day, kind, name_zh, name_en, year) values
    ('2025-01-26', 'working', '春节调休上班', 'Spring Festival make-up working day', 2025),
    ('2025-02-08', 'working', '春节调休上班', 'Spring Festival make-up working day', 2025),
    ('2025-04-27', 'working', '劳动节调休上班', 'Labour Day make-up working day', 2025),
    ('2025-09-28', 'working', '国庆节调休上班', 'National Day make-up working day', 2025),
    ('2025-10-11', 'working', '国庆节调休上班', 'National Day make-up working day', 2025),
    ('2026-01-04', 'working', '元旦调休上班', 'New Year make-up working day', 2026),
    ('2026-02-14', 'working', '春节调休上班', 'Spring Festival make-up working day', 2026),
    ('2026-02-28', 'working', '春节调休上班', 'Spring Festival make-up working day', 2026),
    ('2026-05-09', 'working', '劳动节调休上班', 'Labour Day make-up working day', 2026),
    ('2026-09-20', 'working', '国庆节调休上班', 'National Day make-up working day', 2026),
    ('2026-10-10', 'working', '国庆节调休上班', 'National Day make-up working day', 2026);
