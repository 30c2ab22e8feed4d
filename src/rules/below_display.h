/* below_display.h — the "display" of an item of a progress entry's "below" list: a short English
 * text of the item's value that a UI can show without knowing the value's shape (openapi.yaml:
 * ProgressBelowUnit and ProgressBelowProcedure). Pure functions. */
#ifndef EDX_BELOW_DISPLAY_H
#define EDX_BELOW_DISPLAY_H
#include <jansson.h>
#include <stddef.h>

/* The longest display, with its NUL. */
#define EDX_BELOW_DISPLAY_LEN 96

/* Writes the display of a below item's value into out (NUL-terminated) and returns out:
 *   true / false                              "yes" / "no"
 *   a number (a percent)                      "85.5%" (at most 2 decimals, none when whole: "90%")
 *   {"numerator": 3, "denominator": 4}        "3/4 (75%)" (the percent rounded half up to 2
 *                                             decimals); "0/0" when the denominator is 0
 *   {"state": s, "recognized_level": n}       "recognised at level n" when n is a level, else the
 *                                             state in words and ", not recognised":
 *                                             "submitted, not recognised", "externally assessed,
 *                                             not recognised"
 *   "none" / "partial" / "full" (online mode) "not offered online" / "partly online" / "fully
 *                                             online"
 * and "" for anything else (no below item has another shape). */
const char *edx_below_display(const json_t *value, char out[EDX_BELOW_DISPLAY_LEN]);
/* The display of a percent given in hundredths (a procedure's rate): "45.5%", "50%". */
const char *edx_below_display_h(long long h, char out[EDX_BELOW_DISPLAY_LEN]);
/* A copy of below (an array of items, each with its "value") whose items carry their "display"
 * after the value (new reference; an empty array for NULL or what is not an array). */
json_t *edx_below_with_display(const json_t *below);
#endif
