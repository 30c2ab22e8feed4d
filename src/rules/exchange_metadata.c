/* exchange_metadata.c — the receivers' metadata and its DHIS2 package (see exchange_metadata.h).
 */
#include <stdlib.h>
#include <string.h>
#include "src/rules/exchange_codes.h"
#include "src/rules/exchange_metadata.h"
#include "src/rules/i18n.h"
#include "src/rules/labels.h"

/* The code point at s (valid UTF-8) and its length in bytes. */
static unsigned long code_point(const unsigned char *s, size_t *len)
{
  if (s[0] < 0x80) {
    *len = 1;
    return s[0];
  }
  if (s[0] < 0xE0) {
    *len = 2;
    return ((s[0] & 0x1FUL) << 6) | (s[1] & 0x3FUL);
  }
  if (s[0] < 0xF0) {
    *len = 3;
    return ((s[0] & 0x0FUL) << 12) | ((s[1] & 0x3FUL) << 6) | (s[2] & 0x3FUL);
  }
  *len = 4;
  return ((s[0] & 0x07UL) << 18) | ((s[1] & 0x3FUL) << 12) | ((s[2] & 0x3FUL) << 6) |
         (s[3] & 0x3FUL);
}

/* A combining mark (the blocks Vietnamese text written decomposed uses, and their kin). */
static int combining(unsigned long cp)
{
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

char *edx_utf8_cut(const char *s, size_t max)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t at = 0, units = 0, base = 0, len = 0;
  char *out;
  while (u[at]) {
    unsigned long cp = code_point(u + at, &len);
    size_t w = cp > 0xFFFF ? 2 : 1;
    if (units + w > max) {
      if (combining(cp)) /* do not part a letter from its marks */
        at = base;
      break;
    }
    if (!combining(cp))
      base = at;
    units += w;
    at += len;
  }
  while (u[at] && at > 0 && s[at - 1] == ' ')
    at--;
  out = malloc(at + 1);
  if (out) {
    memcpy(out, s, at);
    out[at] = '\0';
  }
  return out;
}

/* a (which may not be empty) cut to leave room for tail, then tail: a DHIS2 name of at most max
 * characters that keeps its tail. A new json string, or NULL. */
static json_t *cut_name(const char *a, const char *tail, size_t max)
{
  size_t tail_len = 0, len;
  for (const char *p = tail; *p; p++) /* characters of tail (its continuation bytes skipped) */
    tail_len += ((unsigned char)*p & 0xC0) != 0x80;
  char *head = edx_utf8_cut(a, max > tail_len ? max - tail_len : 0), *whole;
  json_t *out = NULL;
  if (!head)
    return NULL;
  len = strlen(head) + strlen(tail) + 1;
  whole = malloc(len);
  if (whole) {
    memcpy(whole, head, strlen(head));
    memcpy(whole + strlen(head), tail, strlen(tail) + 1);
    out = json_string(whole);
  }
  free(head);
  free(whole);
  return out;
}

static const char *str(const json_t *o, const char *key)
{
  return json_string_value(json_object_get(o, key));
}

/* A data element's parts: its own figure, or its numerator or denominator. */
typedef struct {
  const char *part, *suffix, *tail_vi, *tail_en;
} element_part;

static const element_part parts[] = {
  {"value", "", "", ""},
  {"numerator", EDX_EXCHANGE_NUM_SUFFIX, " (tử số)", " (numerator)"},
  {"denominator", EDX_EXCHANGE_DEN_SUFFIX, " (mẫu số)", " (denominator)"},
};

/* The code of ind's element of part (malloc'ed), or NULL. */
static char *element_code(const json_t *ind, const element_part *part)
{
  const char *code = str(ind, "code");
  size_t len = strlen(code) + strlen(part->suffix) + 1;
  char *out = malloc(len);
  if (out) {
    memcpy(out, code, strlen(code));
    memcpy(out + strlen(code), part->suffix, strlen(part->suffix) + 1);
  }
  return out;
}

/* One data element of the metadata answer. */
static json_t *native_element(const json_t *ind, const element_part *part)
{
  int own = part == &parts[0];
  char *code = element_code(ind, part);
  json_t *e = json_object();
  json_object_set_new(e, "code", json_string(code));
  json_object_set_new(e, "indicator", json_string(str(ind, "code")));
  json_object_set_new(e, "part", json_string(part->part));
  json_object_set_new(e, "name_vi", cut_name(str(ind, "name_vi"), part->tail_vi, (size_t)-1 / 2));
  json_object_set_new(e, "name_en", cut_name(str(ind, "name_en"), part->tail_en, (size_t)-1 / 2));
  json_object_set_new(e, "value_type", json_string(str(ind, "value_type")));
  json_object_set_new(e, "aggregation", json_string(str(ind, "aggregation")));
  json_object_set_new(e, "valueType",
                      json_string(own ? edx_exchange_value_type(str(ind, "value_type"))
                                      : EDX_EXCHANGE_COUNT_VALUE_TYPE));
  json_object_set_new(e, "aggregationType",
                      json_string(own ? edx_exchange_aggregation_type(str(ind, "aggregation"))
                                      : EDX_EXCHANGE_COUNT_AGGREGATION));
  json_object_set_new(e, "period_kind", json_string(str(ind, "period_kind")));
  json_object_set_new(e, "periodType",
                      json_string(edx_exchange_period_type(str(ind, "period_kind"))));
  json_object_set(e, "version", json_object_get(ind, "version"));
  json_object_set_new(e, "categoryCombo", json_string(edx_exchange_category_combo(ind)));
  free(code);
  return e;
}

/* The parts an indicator has elements for: 1 (its figure) or 3 (and numerator, denominator). */
static size_t parts_of(const json_t *ind)
{
  return edx_exchange_has_num_den(str(ind, "aggregation")) ? 3 : 1;
}

static json_t *level_name(const char *level, edx_lang lang)
{
  return json_string(edx_label_of("school_level", level, lang));
}

/* [{code, name_vi, name_en, options: [{code, level, name_vi, name_en}]}] */
static json_t *native_categories(void)
{
  json_t *options = json_array();
  for (const edx_exchange_level *l = edx_exchange_levels; l->level; l++)
    json_array_append_new(options, json_pack("{s:s,s:s,s:o,s:o}", "code", l->code, "level",
                                             l->level, "name_vi", level_name(l->level, EDX_LANG_VI),
                                             "name_en", level_name(l->level, EDX_LANG_EN)));
  return json_pack("[{s:s,s:s,s:s,s:o}]", "code", EDX_EXCHANGE_LEVEL_CATEGORY, "name_vi",
                   "Cấp học", "name_en", "School level", "options", options);
}

static json_t *native_combos(void)
{
  return json_pack("[{s:s,s:s,s:s,s:[]},{s:s,s:s,s:s,s:[s]}]", "code", EDX_EXCHANGE_DEFAULT,
                   "name_vi", "Không phân tổ", "name_en", "No breakdown", "categories", "code",
                   EDX_EXCHANGE_LEVEL_COMBO, "name_vi", "Cấp học", "name_en", "School level",
                   "categories", EDX_EXCHANGE_LEVEL_CATEGORY);
}

/* [{code, categoryCombo, options, level}]: default, then one per school level. */
static json_t *native_option_combos(void)
{
  json_t *combos = json_pack("[{s:s,s:s,s:[],s:n}]", "code", EDX_EXCHANGE_DEFAULT,
                             "categoryCombo", EDX_EXCHANGE_DEFAULT, "options", "level");
  for (const edx_exchange_level *l = edx_exchange_levels; l->level; l++)
    json_array_append_new(combos, json_pack("{s:s,s:s,s:[s],s:s}", "code", l->code,
                                            "categoryCombo", EDX_EXCHANGE_LEVEL_COMBO, "options",
                                            l->code, "level", l->level));
  return combos;
}

static json_t *period_type(const char *kind, const char *edudx)
{
  edx_period p;
  char dhis2[EDX_EXCHANGE_PERIOD_LEN], adx[EDX_EXCHANGE_PERIOD_LEN];
  edx_parse_period(edudx, &p);
  edx_exchange_dhis2_period(&p, dhis2, sizeof(dhis2));
  edx_exchange_adx_period(&p, adx, sizeof(adx));
  return json_pack("{s:s,s:s,s:{s:s,s:s,s:s}}", "code", edx_exchange_period_type(kind),
                   "period_kind", kind, "example", "edudx", edudx, "dhis2", dhis2, "adx", adx);
}

static json_t *native_period_types(void)
{
  json_t *types = json_pack("[o,o]", period_type("calendar_year", "2024"),
                            period_type("school_year", "2023-2024"));
  json_object_set_new(json_array_get(types, 0), "note",
                      json_string("a calendar year, January to December"));
  json_object_set_new(json_array_get(types, 1), "note",
                      json_string("a school year (năm học), sent as the July-to-June year it "
                                  "lies in: the Vietnamese school year runs from September to "
                                  "May, inside July to June"));
  return types;
}

/* {"<indicator code>": true, …} */
static json_t *indicator_codes(const json_t *indicators)
{
  json_t *codes = json_object(), *ind;
  size_t i;
  json_array_foreach(indicators, i, ind)
    json_object_set_new(codes, str(ind, "code"), json_true());
  return codes;
}

/* 1 when ind's numerator or denominator element (part) would have an indicator's code: the
 * indicator keeps it and the element is left out, said in conflicts (when not NULL). */
static int element_clashes(const json_t *codes, const json_t *ind, const element_part *part,
                           json_t *conflicts)
{
  char *code = part != &parts[0] ? element_code(ind, part) : NULL;
  int clash = code && json_object_get(codes, code) != NULL;
  if (clash && conflicts)
    json_array_append_new(conflicts, json_pack(
      "{s:s,s:s,s:o}", "list", "dataElements", "code", code, "detail",
      json_sprintf("the %s of indicator %s is left out: the indicator %s has its code",
                   part->part, str(ind, "code"), code)));
  free(code);
  return clash;
}

/* The data elements of indicators, made by make (the metadata answer's or DHIS2's). */
static json_t *elements_of(const json_t *indicators, json_t *conflicts,
                           json_t *(*make)(const json_t *, const element_part *))
{
  json_t *codes = indicator_codes(indicators), *elements = json_array(), *ind;
  size_t i;
  json_array_foreach(indicators, i, ind)
    for (size_t k = 0; k < parts_of(ind); k++)
      if (!element_clashes(codes, ind, &parts[k], conflicts))
        json_array_append_new(elements, make(ind, &parts[k]));
  json_decref(codes);
  return elements;
}

/* units without those whose code an earlier one has (a school coded as a district, a district
 * as a province: the unit higher up keeps it), each left out said in conflicts (when not NULL).
 * Codes are unique among units of one level. */
static json_t *unique_units(const json_t *units, json_t *conflicts)
{
  json_t *out = json_array(), *seen = json_object(), *u;
  size_t i;
  json_array_foreach(units, i, u) {
    const char *code = str(u, "code");
    json_t *first;
    if (!(first = json_object_get(seen, code))) {
      json_object_set(seen, code, u);
      json_array_append(out, u);
    } else if (conflicts) {
      json_array_append_new(conflicts, json_pack(
        "{s:s,s:s,s:o}", "list", "orgUnits", "code", code, "detail",
        json_sprintf("the %s \"%s\" is left out: the %s \"%s\" has its code", str(u, "level"),
                     str(u, "name"), str(first, "level"), str(first, "name"))));
    }
  }
  json_decref(seen);
  return out;
}

json_t *edx_exchange_metadata(const json_t *indicators, const json_t *units)
{
  json_t *conflicts = json_array();
  json_t *elements = elements_of(indicators, conflicts, native_element);
  json_t *unique = unique_units(units, conflicts);
  return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "dataElements", elements, "categories",
                   native_categories(), "categoryCombos", native_combos(),
                   "categoryOptionCombos", native_option_combos(), "orgUnits", unique,
                   "periodTypes", native_period_types(), "conflicts", conflicts);
}

/* ---- The DHIS2 package ---- */

static json_t *code_ref(const char *code)
{
  return json_pack("{s:s}", "code", code);
}

/* A DHIS2 data element; its shortName is set by unique_short_names. */
static json_t *dhis2_element(const json_t *ind, const element_part *part)
{
  int own = part == &parts[0];
  char *code = element_code(ind, part);
  json_t *e = json_object();
  json_object_set_new(e, "code", json_string(code));
  json_object_set_new(e, "name", cut_name(str(ind, "name_vi"), part->tail_vi,
                                          EDX_DHIS2_NAME_MAX));
  json_object_set_new(e, "shortName", cut_name(str(ind, "name_vi"), part->tail_vi,
                                               EDX_DHIS2_SHORT_NAME_MAX));
  json_object_set_new(e, "description", cut_name(str(ind, "name_en"), part->tail_en,
                                                 EDX_DHIS2_NAME_MAX));
  json_object_set_new(e, "valueType",
                      json_string(own ? edx_exchange_value_type(str(ind, "value_type"))
                                      : EDX_EXCHANGE_COUNT_VALUE_TYPE));
  json_object_set_new(e, "aggregationType",
                      json_string(own ? edx_exchange_aggregation_type(str(ind, "aggregation"))
                                      : EDX_EXCHANGE_COUNT_AGGREGATION));
  json_object_set_new(e, "domainType", json_string("AGGREGATE"));
  json_object_set_new(e, "zeroIsSignificant", json_true());
  json_object_set_new(e, "categoryCombo", code_ref(edx_exchange_category_combo(ind)));
  free(code);
  return e;
}

/* DHIS2 wants data elements' short names unique: each short name that two elements share (two
 * names alike in their first 40-odd characters) becomes the element's code, cut to the limit. */
static void unique_short_names(json_t *elements)
{
  json_t *seen = json_object(), *e;
  size_t i;
  json_array_foreach(elements, i, e) {
    const char *sn = str(e, "shortName");
    json_object_set_new(seen, sn, json_integer(json_integer_value(json_object_get(seen, sn)) + 1));
  }
  json_array_foreach(elements, i, e)
    if (json_integer_value(json_object_get(seen, str(e, "shortName"))) > 1)
      json_object_set_new(e, "shortName", cut_name(str(e, "code"), "", EDX_DHIS2_SHORT_NAME_MAX));
  json_decref(seen);
}

/* categoryOptions, categories, categoryCombos and categoryOptionCombos of the school levels,
 * set into pkg (DHIS2 has its own "default" combo and option combo). */
static void dhis2_categories(json_t *pkg)
{
  json_t *options = json_array(), *refs = json_array(), *option_combos = json_array();
  for (const edx_exchange_level *l = edx_exchange_levels; l->level; l++) {
    const char *name = edx_label_of("school_level", l->level, EDX_LANG_VI);
    json_array_append_new(options, json_pack("{s:s,s:o,s:o}", "code", l->code, "name",
                                             cut_name(name, "", EDX_DHIS2_NAME_MAX), "shortName",
                                             cut_name(name, "", EDX_DHIS2_SHORT_NAME_MAX)));
    json_array_append_new(refs, code_ref(l->code));
    json_array_append_new(option_combos,
                          json_pack("{s:s,s:o,s:o,s:[o]}", "code", l->code, "name",
                                    cut_name(name, "", EDX_DHIS2_NAME_MAX), "categoryCombo",
                                    code_ref(EDX_EXCHANGE_LEVEL_COMBO), "categoryOptions",
                                    code_ref(l->code)));
  }
  json_object_set_new(pkg, "categoryOptions", options);
  json_object_set_new(pkg, "categories",
                      json_pack("[{s:s,s:s,s:s,s:s,s:o}]", "code", EDX_EXCHANGE_LEVEL_CATEGORY,
                                "name", "Cấp học", "shortName", "Cấp học", "dataDimensionType",
                                "DISAGGREGATION", "categoryOptions", refs));
  json_object_set_new(pkg, "categoryCombos",
                      json_pack("[{s:s,s:s,s:s,s:[o]}]", "code", EDX_EXCHANGE_LEVEL_COMBO, "name",
                                "Cấp học", "dataDimensionType", "DISAGGREGATION", "categories",
                                code_ref(EDX_EXCHANGE_LEVEL_CATEGORY)));
  json_object_set_new(pkg, "categoryOptionCombos", option_combos);
}

static json_t *dhis2_unit(const json_t *unit)
{
  json_t *u = json_pack("{s:s,s:o,s:o,s:s}", "code", str(unit, "code"), "name",
                        cut_name(str(unit, "name"), "", EDX_DHIS2_NAME_MAX), "shortName",
                        cut_name(str(unit, "name"), "", EDX_DHIS2_SHORT_NAME_MAX), "openingDate",
                        EDX_EXCHANGE_OPENING_DATE);
  if (u && str(unit, "parent_code"))
    json_object_set_new(u, "parent", code_ref(str(unit, "parent_code")));
  return u;
}

json_t *edx_exchange_dhis2_package(const json_t *indicators, const json_t *units)
{
  json_t *pkg = json_object(), *elements = elements_of(indicators, NULL, dhis2_element);
  json_t *unique = unique_units(units, NULL), *org = json_array(), *item;
  size_t i;
  unique_short_names(elements);
  json_array_foreach(unique, i, item)
    json_array_append_new(org, dhis2_unit(item));
  json_decref(unique);
  json_object_set_new(pkg, "dataElements", elements);
  dhis2_categories(pkg);
  json_object_set_new(pkg, "organisationUnits", org);
  return pkg;
}
