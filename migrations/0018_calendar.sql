-- 0018_calendar.sql — Vietnam's working calendar as data (issue 14): days off besides weekends
-- (public holidays, the bridge days the government announces each year) and Saturdays worked
-- in exchange, which dossier due dates count against. Editable: PUT /v1/calendars/vn/{year}.
-- status: 'official' for the fixed-date holidays of the Labour Code (Bộ luật Lao động 2019,
-- art. 112), 'announced' for each year's arrangement as the government announced it,
-- 'assumed' where this seed guesses (2026's Tết span, the Hùng Kings' day off in lieu of a
-- Sunday, the National Day's second day): check them against the announcement and correct
-- them through the API.
CREATE TABLE calendar_days (
  country text NOT NULL CHECK (country = 'vn'),
  day     date NOT NULL,
  kind    text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
  name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status  text NOT NULL CHECK (status IN ('official', 'announced', 'assumed')),
  PRIMARY KEY (country, day)
);

INSERT INTO calendar_days (country, day, kind, name, status) VALUES
  ('vn', '2024-01-01', 'day_off', 'Tết Dương lịch', 'official'),
  ('vn', '2024-02-08', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2024-02-09', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2024-02-12', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2024-02-13', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2024-02-14', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2024-04-18', 'day_off', 'Giỗ Tổ Hùng Vương', 'official'),
  ('vn', '2024-04-29', 'day_off', 'Nghỉ bù (đổi ngày làm việc 04/5)', 'announced'),
  ('vn', '2024-04-30', 'day_off', 'Ngày Chiến thắng', 'official'),
  ('vn', '2024-05-01', 'day_off', 'Quốc tế Lao động', 'official'),
  ('vn', '2024-05-04', 'working_day', 'Làm bù cho ngày 29/4', 'announced'),
  ('vn', '2024-09-02', 'day_off', 'Quốc khánh', 'official'),
  ('vn', '2024-09-03', 'day_off', 'Quốc khánh', 'announced'),
  ('vn', '2025-01-01', 'day_off', 'Tết Dương lịch', 'official'),
  ('vn', '2025-01-27', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2025-01-28', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2025-01-29', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2025-01-30', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2025-01-31', 'day_off', 'Tết Nguyên đán', 'announced'),
  ('vn', '2025-04-07', 'day_off', 'Giỗ Tổ Hùng Vương', 'official'),
  ('vn', '2025-04-26', 'working_day', 'Làm bù cho ngày 02/5', 'announced'),
  ('vn', '2025-04-30', 'day_off', 'Ngày Chiến thắng', 'official'),
  ('vn', '2025-05-01', 'day_off', 'Quốc tế Lao động', 'official'),
  ('vn', '2025-05-02', 'day_off', 'Nghỉ bù (đổi ngày làm việc 26/4)', 'announced'),
  ('vn', '2025-09-01', 'day_off', 'Quốc khánh', 'announced'),
  ('vn', '2025-09-02', 'day_off', 'Quốc khánh', 'official'),
  ('vn', '2026-01-01', 'day_off', 'Tết Dương lịch', 'official'),
  ('vn', '2026-02-16', 'day_off', 'Tết Nguyên đán', 'assumed'),
  ('vn', '2026-02-17', 'day_off', 'Tết Nguyên đán', 'assumed'),
  ('vn', '2026-02-18', 'day_off', 'Tết Nguyên đán', 'assumed'),
  ('vn', '2026-02-19', 'day_off', 'Tết Nguyên đán', 'assumed'),
  ('vn', '2026-02-20', 'day_off', 'Tết Nguyên đán', 'assumed'),
  ('vn', '2026-04-27', 'day_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)', 'assumed'),
  ('vn', '2026-04-30', 'day_off', 'Ngày Chiến thắng', 'official'),
  ('vn', '2026-05-01', 'day_off', 'Quốc tế Lao động', 'official'),
  ('vn', '2026-09-01', 'day_off', 'Quốc khánh', 'assumed'),
  ('vn', '2026-09-02', 'day_off', 'Quốc khánh', 'official');
