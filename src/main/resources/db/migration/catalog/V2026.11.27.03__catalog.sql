-- The government data catalog (政务数据目录, C1-C8) and the standard data elements (数据元).

create table cat_element (
    code           text primary key check (code ~ '^[a-z][a-z0-9-]{1,49}$'),
    name_zh        text not null,
    name_en        text not null,
    definition_zh  text not null,
    definition_en  text not null,
    item_type      text not null,
    format         text not null,
    pattern        text,
    max_length     integer not null check (max_length between 1 and 100000),
    standard       text not null default '',
    builtin        boolean not null default false,
    created_at     timestamptz not null default now()
);

insert into cat_element (code, name_zh, name_en, definition_zh, definition_en, item_type, format, max_length, standard, builtin) values
 ('citizen-id', '公民身份号码', 'Citizen ID number', '18位公民身份号码，含出生日期码与校验码。', 'The 18-character citizen identity number with birth date and check character.', 'string', 'citizen-id', 18, 'GB 11643-1999', true),
 ('credit-code', '统一社会信用代码', 'Unified social credit code', '18位法人和其他组织统一社会信用代码，含校验码。', 'The 18-character unified social credit code of a legal person or organisation, with check character.', 'string', 'credit-code', 18, 'GB 32100-2015', true),
 ('division-code', '行政区划代码', 'Administrative division code', '6位县级及以上行政区划代码。', 'The six-digit code of a division at county level or above.', 'string', 'division-code', 6, 'GB/T 2260-2007', true),
 ('person-name', '姓名', 'Name of a person', '自然人的姓名，少数民族和外国人姓名可含间隔号“·”与空格。', 'A natural person''s name; may contain the middle dot and spaces.', 'string', 'person-name', 50, 'GA/T 2000.3', true),
 ('sex', '性别代码', 'Sex code', '0 未知的性别，1 男性，2 女性，9 未说明的性别。', '0 unknown, 1 male, 2 female, 9 not stated.', 'string', 'sex', 1, 'GB/T 2261.1-2003', true),
 ('birth-date', '出生日期', 'Date of birth', '公历出生日期，格式 YYYY-MM-DD，不晚于当日。', 'Gregorian date of birth, YYYY-MM-DD, not in the future.', 'date', 'birth-date', 10, 'GB/T 7408.1-2023', true),
 ('phone', '联系电话', 'Telephone number', '11位手机号码，或含区号的固定电话号码（可带分机号）。', 'An 11-digit mobile number, or a landline with area code (and extension).', 'string', 'phone', 20, 'GB/T 37124', true),
 ('address', '地址', 'Address', '详细地址：省、市、县、乡镇（街道）、村（社区）、门牌。', 'A full address: province, city, county, township, village, number.', 'string', 'address', 200, 'GB/T 23705-2009', true),
 ('enterprise-name', '企业名称', 'Enterprise name', '依法登记的市场主体名称。', 'The registered name of a market entity.', 'string', 'enterprise-name', 100, '企业名称登记管理规定', true),
 ('licence-number', '证照编号', 'Licence number', '证照的编号，由字母、数字、汉字、连字符与括号组成。', 'The number of a licence or certificate: letters, digits, Chinese characters, hyphens and brackets.', 'string', 'licence-number', 64, 'GB/T 36904-2018', true),
 ('date', '日期', 'Date', '公历日期，格式 YYYY-MM-DD。', 'A Gregorian date, YYYY-MM-DD.', 'date', 'date', 10, 'GB/T 7408.1-2023', true);

-- The classification of resources (类/项/目): 1 basic, 2 thematic, 3 departmental.
create table cat_classification (
    code     text primary key check (code ~ '^[1-9]([0-9]{2}([0-9]{3})?)?$'),
    parent   text references cat_classification (code),
    name_zh  text not null,
    name_en  text not null
);

insert into cat_classification (code, parent, name_zh, name_en) values
 ('1', null, '基础信息资源', 'Basic information resources'),
 ('101', '1', '人口基础信息', 'Population'),
 ('102', '1', '法人单位基础信息', 'Legal persons'),
 ('103', '1', '自然资源和空间地理基础信息', 'Natural resources and geography'),
 ('104', '1', '社会信用基础信息', 'Social credit'),
 ('105', '1', '电子证照基础信息', 'Electronic licences'),
 ('2', null, '主题信息资源', 'Thematic information resources'),
 ('201', '2', '医疗健康', 'Health care'),
 ('202', '2', '社会保障', 'Social security'),
 ('203', '2', '食品药品安全', 'Food and drug safety'),
 ('204', '2', '安全生产', 'Work safety'),
 ('205', '2', '城乡建设', 'Urban and rural construction'),
 ('206', '2', '社区治理', 'Community governance'),
 ('207', '2', '生态环境', 'Environment'),
 ('208', '2', '应急管理', 'Emergency management'),
 ('209', '2', '市场监管', 'Market supervision'),
 ('210', '2', '教育', 'Education'),
 ('211', '2', '交通出行', 'Transport'),
 ('3', null, '部门信息资源', 'Departmental information resources'),
 ('301', '3', '公安', 'Public security'),
 ('302', '3', '人力资源和社会保障', 'Human resources and social security'),
 ('303', '3', '市场监督管理', 'Market regulation'),
 ('304', '3', '民政', 'Civil affairs'),
 ('305', '3', '卫生健康', 'Health'),
 ('306', '3', '自然资源', 'Natural resources'),
 ('307', '3', '财政', 'Finance'),
 ('308', '3', '审计', 'Audit'),
 ('309', '3', '政务服务和数据管理', 'Government services and data');

create table cat_sequence (
    classification text primary key references cat_classification (code),
    next_value     integer not null
);

create table cat_entry (
    id                  uuid primary key,
    code                text not null unique,
    provider_agency_id  uuid not null,
    division_code       text not null,
    classification      text not null references cat_classification (code),
    name                text not null,
    name_en             text,
    sharing_type        text not null,
    open_attribute      text not null,
    format              text not null,
    update_frequency    text not null,
    grade               text not null,
    status              text not null check (status in ('draft', 'submitted', 'published', 'withdrawn')),
    working_revision    integer not null,
    published_revision  integer,
    first_published_at  timestamptz,
    published_at        timestamptz,
    withdrawn_reason    text,
    -- C7: an update the department owes after its duties or the law changed
    update_reason       text,
    update_started      date,
    update_due          date,
    update_extended     boolean not null default false,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    version             bigint not null default 0
);

create index cat_entry_provider on cat_entry (provider_agency_id);
create index cat_entry_division on cat_entry (division_code text_pattern_ops);
create index cat_entry_status on cat_entry (status);

create table cat_revision (
    entry_id      uuid not null references cat_entry (id),
    revision      integer not null,
    state         text not null check (state in ('draft', 'submitted', 'returned', 'published', 'superseded', 'discarded')),
    content       jsonb not null,
    created_at    timestamptz not null default now(),
    created_by    text not null,
    submitted_at  timestamptz,
    submitted_by  text,
    review_due    date,
    decided_at    timestamptz,
    decided_by    text,
    comment       text,
    primary key (entry_id, revision)
);

create index cat_revision_submitted on cat_revision (state) where state = 'submitted';

-- C8: the authoritative source (数源部门) designated for a standard data element.
create table cat_authority (
    element_code   text primary key references cat_element (code),
    entry_id       uuid not null references cat_entry (id),
    designated_by  text not null,
    designated_at  timestamptz not null default now(),
    note           text not null default ''
);

-- An entry with the content readers see: the published revision if there is one, else the working one.
create view cat_entry_view as
select e.*, r.content, w.state as working_state, w.review_due, w.submitted_at
from cat_entry e
join cat_revision r on r.entry_id = e.id and r.revision = coalesce(e.published_revision, e.working_revision)
join cat_revision w on w.entry_id = e.id and w.revision = e.working_revision;
