/* deadlines.c — how long a connection may take over what it is sending (see deadlines.h). */
#include "src/rules/deadlines.h"

double edx_deadline_seconds(const edx_deadlines *d, edx_wait wait, size_t body_bytes,
                            int over_limit, int draining)
{
  switch (wait) {
  case EDX_WAIT_IDLE:
    if (draining)
      return 0;
    return over_limit && d->over_limit_s < d->idle_s ? d->over_limit_s : d->idle_s;
  case EDX_WAIT_HEAD:
    return over_limit && d->over_limit_s < d->head_s ? d->over_limit_s : d->head_s;
  case EDX_WAIT_BODY:
    return d->body_s + (d->body_rate ? (double)(body_bytes / d->body_rate) : 0);
  case EDX_WAIT_WORK:
    break;
  }
  return -1;
}
