/* below_display.c — the display text of a below item's value (see below_display.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/below_display.h"
#include "src/rules/progress_rules.h"

const char *edx_below_display_h(long long h, char out[EDX_BELOW_DISPLAY_LEN])
{
  long long a = h < 0 ? -h : h;
  int cents = (int)(a % 100);
  const char *sign = h < 0 ? "-" : "";
  if (cents == 0)
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%s%lld%%", sign, a / 100);
  else if (cents % 10 == 0)
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%s%lld.%d%%", sign, a / 100, cents / 10);
  else
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%s%lld.%02d%%", sign, a / 100, cents);
  return out;
}

/* "3/4 (75%)", or "0/0" without a percent when the denominator is 0. */
static void fraction(const json_t *value, char out[EDX_BELOW_DISPLAY_LEN])
{
  long long n = (long long)json_integer_value(json_object_get(value, "numerator"));
  long long d = (long long)json_integer_value(json_object_get(value, "denominator"));
  if (d > 0 && n >= 0) {
    char pct[EDX_BELOW_DISPLAY_LEN];
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%lld/%lld (%s)", n, d,
             edx_below_display_h(edx_pct_round_h(100 * n, d), pct));
  } else
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%lld/%lld", n, d);
}

/* "recognised at level 2", or the status in words (its underscores as spaces) and ", not
 * recognised"; `state`, the status's deprecated name, when a value has no `status`. */
static void assessment(const json_t *value, char out[EDX_BELOW_DISPLAY_LEN])
{
  const json_t *level = json_object_get(value, "recognized_level");
  const json_t *status = json_object_get(value, "status");
  const char *state = json_string_value(status ? status : json_object_get(value, "state"));
  char words[48];
  size_t i = 0;
  if (json_is_integer(level)) {
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "recognised at level %lld",
             (long long)json_integer_value(level));
    return;
  }
  for (; state && state[i] && i + 1 < sizeof(words); i++)
    words[i] = state[i] == '_' ? ' ' : state[i];
  words[i] = '\0';
  snprintf(out, EDX_BELOW_DISPLAY_LEN, "%s, not recognised", words);
}

/* An online mode's words; "" for another string. */
static const char *mode_words(const char *mode)
{
  static const char *const modes[][2] = {{"none", "not offered online"},
                                         {"partial", "partly online"},
                                         {"full", "fully online"}};
  for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
    if (strcmp(mode, modes[i][0]) == 0)
      return modes[i][1];
  return "";
}

const char *edx_below_display(const json_t *value, char out[EDX_BELOW_DISPLAY_LEN])
{
  out[0] = '\0';
  if (json_is_boolean(value))
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%s", json_is_true(value) ? "yes" : "no");
  else if (json_is_number(value))
    edx_below_display_h(llround(json_number_value(value) * 100), out);
  else if (json_is_string(value))
    snprintf(out, EDX_BELOW_DISPLAY_LEN, "%s", mode_words(json_string_value(value)));
  else if (json_is_object(value) && json_object_get(value, "denominator"))
    fraction(value, out);
  else if (json_is_object(value) &&
           (json_object_get(value, "status") || json_object_get(value, "state")))
    assessment(value, out);
  return out;
}

json_t *edx_below_with_display(const json_t *below)
{
  json_t *copy = json_is_array(below) ? json_deep_copy(below) : json_array(), *item;
  size_t i;
  json_array_foreach(copy, i, item) {
    char text[EDX_BELOW_DISPLAY_LEN];
    json_object_set_new(item, "display",
                        json_string(edx_below_display(json_object_get(item, "value"), text)));
  }
  return copy;
}
