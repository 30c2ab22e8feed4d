/* problems.c — the problem types and their titles in both languages (see problems.h). */
#include "src/rules/errors.h"
#include "src/rules/problems.h"

const edx_problem_kind edx_problem_kinds[] = {
  {EDX_EBADREQ, 400, "bad-request", "Bad request", "Yêu cầu không hợp lệ"},
  {EDX_EUNAUTH, 401, "unauthorized", "Unauthorized", "Chưa xác thực"},
  {EDX_EFORBIDDEN, 403, "forbidden", "Forbidden", "Không có quyền"},
  {EDX_ENOTFOUND, 404, "not-found", "Not found", "Không tìm thấy"},
  {EDX_ENOPLAN, 404, "no-plan", "No plan for this year", "Không có kế hoạch cho năm này"},
  {EDX_EMETHOD, 405, "method-not-allowed", "Method not allowed",
   "Phương thức không được phép"},
  {EDX_ECONFLICT, 409, "conflict", "Conflict", "Xung đột dữ liệu"},
  {EDX_EEXPIRED, 410, "cursor-expired", "Cursor expired", "Con trỏ đã hết hạn"},
  {EDX_EPRECOND, 412, "precondition-failed", "Precondition failed",
   "Điều kiện tiên quyết không thỏa mãn"},
  {EDX_EPRECOND_REQUIRED, 428, "precondition-required", "Precondition required",
   "Cần gửi kèm điều kiện If-Match"},
  {EDX_ETOOLARGE, 413, "payload-too-large", "Payload too large", "Dữ liệu gửi lên quá lớn"},
  {EDX_ELINE, 414, "uri-too-long", "URI too long", "Dòng yêu cầu quá dài"},
  {EDX_EMEDIA, 415, "unsupported-media-type", "Unsupported media type",
   "Kiểu dữ liệu không được hỗ trợ"},
  {EDX_EINVALID, 422, "validation-failed", "Validation failed", "Dữ liệu không hợp lệ"},
  {EDX_EIDEMPOTENCY, 422, "idempotency-key-reused", "Idempotency key reused",
   "Khóa Idempotency-Key đã được dùng"},
  {EDX_EHEAD, 431, "header-fields-too-large", "Request header fields too large",
   "Phần đầu yêu cầu quá lớn"},
  {EDX_EVERSION, 505, "http-version-not-supported", "HTTP version not supported",
   "Phiên bản HTTP không được hỗ trợ"},
  {EDX_EQUOTA, 507, "quota-exceeded", "Storage quota exceeded", "Vượt hạn mức lưu trữ"},
  {EDX_EUNAVAIL, 503, "unavailable", "Service unavailable", "Dịch vụ tạm thời không khả dụng"},
  {EDX_EUNKNOWN, 503, "outcome-unknown", "Outcome unknown", "Không rõ kết quả"},
  {EDX_EINTERNAL, 500, "internal", "Internal server error", "Lỗi máy chủ"},
};
const size_t edx_problem_kind_count = sizeof(edx_problem_kinds) / sizeof(edx_problem_kinds[0]);

const edx_problem_kind *edx_problem_kind_of(int code)
{
  for (size_t i = 0; i < edx_problem_kind_count; i++)
    if (edx_problem_kinds[i].code == code)
      return &edx_problem_kinds[i];
  return &edx_problem_kinds[edx_problem_kind_count - 1];
}

const edx_problem_kind *edx_problem_kind_of_status(int status)
{
  for (size_t i = 0; i < edx_problem_kind_count; i++)
    if (edx_problem_kinds[i].status == status)
      return &edx_problem_kinds[i];
  return edx_problem_kind_of(EDX_EBADREQ);
}

const char *edx_problem_title(const edx_problem_kind *k, edx_lang lang)
{
  return lang == EDX_LANG_VI ? k->title_vi : k->title;
}
