-- Systems registry (module registry): the function taxonomy and the inventory of government systems.
create table reg_capability (
    code        text         primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
    name_zh     text         not null unique,
    name_en     text         not null,
    position    integer      not null,
    builtin     boolean      not null default false,
    created_at  timestamptz  not null default now()
);

insert into reg_capability (code, name_zh, name_en, position) values
    ('city-operation-monitoring', '城市运行监测', 'City operation monitoring', 1),
    ('city-brain', '城市大脑', 'City brain (integrated urban governance)', 2),
    ('data-cockpit', '数据驾驶舱', 'Data dashboard (cockpit)', 3),
    ('emergency-command', '应急指挥', 'Emergency command', 4),
    ('service-acceptance', '政务服务受理', 'Government service acceptance', 5),
    ('approval', '行政审批', 'Administrative approval', 6),
    ('supervision-enforcement', '监管执法', 'Supervision and law enforcement', 7),
    ('hotline-12345', '12345热线', '12345 hotline', 8),
    ('data-sharing-exchange', '数据共享交换', 'Data sharing and exchange', 9),
    ('data-catalog', '政务数据目录', 'Government data catalogue', 10),
    ('unified-identity', '统一身份认证', 'Unified identity', 11),
    ('e-licence', '电子证照', 'Electronic licences', 12),
    ('e-seal', '电子印章', 'Electronic seals', 13),
    ('unified-payment', '统一公共支付', 'Unified public payment', 14),
    ('video-aggregation', '视频监控汇聚', 'Video surveillance aggregation', 15),
    ('gis-spatial', '地理信息与时空基础', 'GIS and spatial base', 16),
    ('credit', '公共信用', 'Public credit', 17),
    ('collaborative-office', '协同办公（OA）', 'Collaborative office (OA)', 18),
    ('document-exchange', '公文交换', 'Official document exchange', 19),
    ('video-conference', '视频会议', 'Video conferencing', 20),
    ('e-archives', '电子档案', 'Electronic archives', 21),
    ('grid-management', '网格化管理', 'Grid management', 22),
    ('smart-community', '智慧社区', 'Smart community', 23),
    ('petition-complaint', '信访与投诉', 'Petitions and complaints', 24),
    ('population-base', '人口基础库', 'Population base database', 25),
    ('legal-entity-base', '法人基础库', 'Legal-entity base database', 26),
    ('mobile-service', '移动政务服务（掌上办）', 'Mobile government services', 27),
    ('social-insurance', '社会保险经办', 'Social insurance handling', 28),
    ('employment-service', '就业服务', 'Employment services', 29),
    ('medical-insurance', '医疗保障', 'Medical insurance', 30),
    ('health-records', '健康档案与医疗服务', 'Health records and medical services', 31),
    ('education', '教育管理', 'Education management', 32),
    ('social-assistance', '社会救助', 'Social assistance', 33),
    ('elderly-care', '养老服务', 'Elderly care', 34),
    ('market-registration', '市场主体登记', 'Market entity registration', 35),
    ('food-drug-safety', '食品药品安全', 'Food and drug safety', 36),
    ('environment-monitoring', '生态环境监测', 'Environmental monitoring', 37),
    ('transport', '交通运输管理', 'Transport management', 38),
    ('housing-construction', '住房和城乡建设', 'Housing and construction', 39),
    ('natural-resources', '自然资源与规划', 'Natural resources and planning', 40),
    ('budget-finance', '财政预算管理', 'Budget and finance', 41),
    ('policing', '公安业务', 'Policing', 42),
    ('statistics-analysis', '统计分析', 'Statistical analysis', 43);
update reg_capability set builtin = true;

create sequence reg_system_change;

create table reg_system (
    id                    uuid         primary key,
    name                  text         not null check (length(name) between 1 and 200),
    aliases               text[]       not null default '{}',
    agency_id             uuid         not null references org_agency (id),
    division_code         text         not null references org_division (code),
    summary               text         not null default '',
    capabilities          text[]       not null default '{}',
    status                text         not null check (status in ('planned', 'under_construction', 'live', 'suspended', 'retired')),
    go_live_date          date,
    build_cost_fen        bigint       not null default 0 check (build_cost_fen >= 0),
    annual_om_cost_fen    bigint       not null default 0 check (annual_om_cost_fen >= 0),
    funding_source        text         not null,
    vendor                text         not null default '',
    hosting               text         not null,
    registered_users      bigint       not null default 0 check (registered_users >= 0),
    monthly_active_users  bigint       not null default 0 check (monthly_active_users >= 0),
    login_method          text         not null,
    integrations          text[]       not null default '{}',
    public_facing         boolean      not null default false,
    shared_platform       boolean      not null default false,
    version               bigint       not null default 0,
    change_seq            bigint       not null default nextval('reg_system_change'),
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now()
);
create unique index reg_system_agency_name on reg_system (agency_id, lower(name));
create index reg_system_division on reg_system (division_code text_pattern_ops);
create index reg_system_capabilities on reg_system using gin (capabilities);
create index reg_system_change_seq on reg_system (change_seq);
create index reg_system_status on reg_system (status);

-- Capabilities a province builds once for everyone (省级统建): the duplicate finder treats two
-- such systems anywhere in the province as duplicates, not only within one city's tree.
alter table reg_capability add column province_wide boolean not null default false;
update reg_capability set province_wide = true where code in ('unified-identity', 'data-sharing-exchange',
    'data-catalog', 'e-licence', 'e-seal', 'unified-payment', 'hotline-12345', 'credit', 'budget-finance',
    'mobile-service', 'service-acceptance', 'approval', 'population-base', 'legal-entity-base',
    'social-insurance', 'medical-insurance');
