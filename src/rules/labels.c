/* labels.c — the labels of every enum value a UI shows, in both languages (see labels.h). */
#include <stdlib.h>
#include <string.h>
#include "src/rules/labels.h"

static const edx_label school_levels[] = {
  {"preschool", "Preschool", "Mầm non"},
  {"primary", "Primary", "Tiểu học"},
  {"lower_secondary", "Lower secondary", "Trung học cơ sở"},
  {"primary_lower_secondary", "Primary and lower secondary", "Tiểu học và trung học cơ sở"},
  {NULL, NULL, NULL},
};
static const edx_label assessment_statuses[] = {
  {"draft", "Draft", "Bản nháp"},
  {"submitted", "Submitted", "Đã nộp"},
  {"returned", "Returned for changes", "Trả lại để bổ sung"},
  {"approved", "Approved", "Đã duyệt"},
  {"externally_assessed", "Externally assessed", "Đã đánh giá ngoài"},
  {"recognized", "Recognized", "Đã công nhận"},
  {NULL, NULL, NULL},
};
static const edx_label dossier_statuses[] = {
  {"received", "Received", "Đã tiếp nhận"},
  {"processing", "Processing", "Đang xử lý"},
  {"supplement_requested", "Supplement requested", "Yêu cầu bổ sung"},
  {"resolved", "Resolved", "Đã giải quyết"},
  {"rejected", "Rejected", "Từ chối giải quyết"},
  {"withdrawn", "Withdrawn", "Đã rút hồ sơ"},
  {NULL, NULL, NULL},
};
static const edx_label dossier_channels[] = {
  {"online", "Online", "Trực tuyến"},
  {"in_person", "In person", "Trực tiếp"},
  {"postal", "By post", "Qua dịch vụ bưu chính"},
  {NULL, NULL, NULL},
};
static const edx_label dossier_satisfactions[] = {
  {"very_satisfied", "Very satisfied", "Rất hài lòng"},
  {"satisfied", "Satisfied", "Hài lòng"},
  {"dissatisfied", "Dissatisfied", "Không hài lòng"},
  {NULL, NULL, NULL},
};
static const edx_label online_modes[] = {
  {"full", "Fully online", "Trực tuyến toàn trình"},
  {"partial", "Partly online", "Trực tuyến một phần"},
  {"none", "Not online", "Không trực tuyến"},
  {NULL, NULL, NULL},
};
static const edx_label indicator_sources[] = {
  {"school_report", "Reported by schools", "Trường báo cáo"},
  {"office_report", "Reported by the district office", "Phòng GD&ĐT báo cáo"},
  {"assessments", "From digital-transformation assessments", "Từ kết quả đánh giá chuyển đổi số"},
  {"procedures", "From administrative procedures", "Từ thủ tục hành chính"},
  {"dossiers", "From procedure dossiers", "Từ hồ sơ thủ tục hành chính"},
  {NULL, NULL, NULL},
};
static const edx_label indicator_aggregations[] = {
  {"share", "Share of schools", "Tỷ lệ trường đạt"},
  {"each_school", "Share of schools meeting the target", "Tỷ lệ trường đạt chỉ tiêu"},
  {"mean", "Mean of schools", "Trung bình các trường"},
  {"ratio_of_sums", "Ratio of totals", "Tỷ lệ trên tổng số"},
  {"office_value", "District office's value", "Giá trị Phòng GD&ĐT báo cáo"},
  {"computed", "Computed", "Tính tự động"},
  {NULL, NULL, NULL},
};
static const edx_label indicator_value_types[] = {
  {"percent", "Percent", "Phần trăm"},
  {"boolean", "Yes/no", "Có/không"},
  {"fraction", "Fraction", "Phân số (tử số/mẫu số)"},
  {NULL, NULL, NULL},
};
static const edx_label period_kinds[] = {
  {"calendar_year", "Calendar year", "Năm dương lịch"},
  {"school_year", "School year", "Năm học"},
  {NULL, NULL, NULL},
};
static const edx_label indicator_units[] = {
  {"schools", "Schools", "Các trường"},
  {"office", "District office", "Phòng GD&ĐT"},
  {"office_and_schools", "District office and schools", "Phòng GD&ĐT và các trường"},
  {NULL, NULL, NULL},
};
static const edx_label roles[] = {
  {"admin", "Administrator", "Quản trị hệ thống"},
  {"district", "District office", "Phòng GD&ĐT"},
  {"school", "School", "Trường học"},
  {"reader", "Reader", "Người xem"},
  {NULL, NULL, NULL},
};
static const edx_label progress_statuses[] = {
  {"met", "Met", "Đạt"},
  {"not_met", "Not met", "Chưa đạt"},
  {"no_data", "No data", "Chưa có số liệu"},
  {NULL, NULL, NULL},
};
static const edx_label org_unit_levels[] = {
  {"province", "Province", "Tỉnh"},
  {"district", "District", "Huyện"},
  {"commune", "Commune", "Xã"},
  {NULL, NULL, NULL},
};
static const edx_label task_leads[] = {
  {"office", "District office", "Phòng GD&ĐT"},
  {"schools", "Schools", "Các trường"},
  {"office_and_schools", "District office and schools", "Phòng GD&ĐT và các trường"},
  {NULL, NULL, NULL},
};
static const edx_label task_due_kinds[] = {
  {"date", "By a set date", "Có hạn cụ thể"},
  {"continuous", "Continuous", "Thường xuyên"},
  {"year_end", "By the end of the year", "Trước cuối năm"},
  {"periodic", "Periodic", "Định kỳ"},
  {"unspecified", "No deadline set", "Không quy định thời hạn"},
  {NULL, NULL, NULL},
};
static const edx_label task_due_everies[] = {
  {"week", "Every week", "Hằng tuần"},
  {"month", "Every month", "Hằng tháng"},
  {"quarter", "Every quarter", "Hằng quý"},
  {"half_year", "Every six months", "Sáu tháng một lần"},
  {"year", "Every year", "Hằng năm"},
  {NULL, NULL, NULL},
};
static const edx_label assignment_statuses[] = {
  {"not_started", "Not started", "Chưa thực hiện"},
  {"in_progress", "In progress", "Đang thực hiện"},
  {"done", "Done", "Đã hoàn thành"},
  {"accepted", "Accepted", "Đã được xác nhận hoàn thành"},
  {"blocked", "Blocked", "Gặp vướng mắc"},
  {"cancelled", "Cancelled", "Đã hủy"},
  {NULL, NULL, NULL},
};
static const edx_label submission_states[] = {
  {"draft", "Draft", "Bản nháp"},
  {"submitted", "Submitted", "Đã gửi"},
  {"accepted", "Accepted", "Đã tiếp nhận"},
  {"returned", "Returned for correction", "Trả lại để chỉnh sửa"},
  {"superseded", "Superseded", "Đã được thay thế"},
  {NULL, NULL, NULL},
};

const edx_label_enum edx_label_enums[] = {
  {"school_level", school_levels},
  {"assessment_status", assessment_statuses},
  {"assessment_state", assessment_statuses}, /* its first name (deprecated, issue 15) */
  {"dossier_status", dossier_statuses},
  {"dossier_channel", dossier_channels},
  {"dossier_satisfaction", dossier_satisfactions},
  {"online_mode", online_modes},
  {"indicator_source", indicator_sources},
  {"indicator_aggregation", indicator_aggregations},
  {"indicator_value_type", indicator_value_types},
  {"period_kind", period_kinds},
  {"indicator_unit", indicator_units},
  {"role", roles},
  {"progress_status", progress_statuses},
  {"org_unit_level", org_unit_levels},
  {"task_lead", task_leads},
  {"task_due_kind", task_due_kinds},
  {"task_due_every", task_due_everies},
  {"assignment_status", assignment_statuses},
  {"submission_state", submission_states},
  {NULL, NULL},
};

json_t *edx_labels(edx_lang lang)
{
  json_t *all = json_object();
  for (const edx_label_enum *e = edx_label_enums; e->name; e++) {
    json_t *values = json_object();
    for (const edx_label *l = e->values; l->value; l++)
      json_object_set_new(values, l->value, json_string(lang == EDX_LANG_VI ? l->vi : l->en));
    json_object_set_new(all, e->name, values);
  }
  return all;
}

const char *edx_label_of(const char *name, const char *value, edx_lang lang)
{
  for (const edx_label_enum *e = edx_label_enums; e->name; e++)
    for (const edx_label *l = e->values; strcmp(e->name, name) == 0 && l->value; l++)
      if (strcmp(l->value, value) == 0)
        return lang == EDX_LANG_VI ? l->vi : l->en;
  return NULL;
}

/* The CSV columns' headers in Vietnamese, by column (field) name, sorted. */
static const struct {
  const char *column;
  const char *vi;
} column_headers[] = {
  {"action", "Hành động"},
  {"active", "Đang hoạt động"},
  {"actor_label", "Nhãn người thực hiện"},
  {"actor_role", "Vai trò người thực hiện"},
  {"actor_token_id", "Token người thực hiện"},
  {"actual", "Kết quả"},
  {"address", "Địa chỉ"},
  {"after", "Sau thay đổi"},
  {"aggregation", "Cách tổng hợp"},
  {"assessment_id", "Mã phiếu đánh giá"},
  {"at", "Thời điểm"},
  {"before", "Trước thay đổi"},
  {"below", "Số đơn vị chưa đạt"},
  {"category", "Nhóm"},
  {"channel", "Kênh tiếp nhận"},
  {"code", "Mã"},
  {"commune", "Xã"},
  {"comparator", "Phép so sánh"},
  {"complaint", "Khiếu nại"},
  {"created_at", "Ngày tạo"},
  {"criterion", "Tiêu chí"},
  {"decision_ref", "Số quyết định"},
  {"deliverable_vi", "Sản phẩm"},
  {"denominator", "Mẫu số"},
  {"description", "Mô tả"},
  {"digitization", "Số hóa hồ sơ"},
  {"district_code", "Mã huyện"},
  {"district_id", "ID huyện"},
  {"district_name", "Tên huyện"},
  {"document_ref", "Số văn bản"},
  {"dossier_digitized", "Số hóa hồ sơ"},
  {"dossiers", "Số hồ sơ tiếp nhận"},
  {"due", "Thời hạn"},
  {"due_at", "Hạn giải quyết"},
  {"e_receipt", "Biên lai điện tử"},
  {"eligible_online", "Đủ điều kiện trực tuyến"},
  {"email", "Email"},
  {"entity", "Đối tượng"},
  {"entity_id", "ID đối tượng"},
  {"evidence_url", "Đường dẫn minh chứng"},
  {"expected", "Số đơn vị phải báo cáo"},
  {"expires_at", "Ngày hết hạn"},
  {"external_level", "Mức đánh giá ngoài"},
  {"fee", "Lệ phí"},
  {"field", "Lĩnh vực"},
  {"gap", "Còn thiếu"},
  {"id", "ID"},
  {"indicator", "Chỉ tiêu"},
  {"indicators", "Chỉ tiêu liên quan"},
  {"item", "Nội dung đánh giá"},
  {"jump_warning_points", "Ngưỡng cảnh báo thay đổi"},
  {"label", "Nhãn"},
  {"lead", "Đơn vị chủ trì"},
  {"lead_detail_vi", "Chi tiết đơn vị chủ trì"},
  {"level", "Cấp"},
  {"levels", "Cấp học áp dụng"},
  {"max_points", "Điểm tối đa"},
  {"mean", "Trung bình"},
  {"measure", "Cách đo"},
  {"missing", "Số đơn vị chưa báo cáo"},
  {"name", "Tên"},
  {"name_en", "Tên tiếng Anh"},
  {"name_vi", "Tên tiếng Việt"},
  {"note", "Ghi chú"},
  {"numerator", "Tử số"},
  {"office_name", "Tên Phòng GD&ĐT"},
  {"official", "Chính thức"},
  {"on_time", "Đúng hạn"},
  {"online", "Hồ sơ nộp trực tuyến"},
  {"online_mode", "Mức độ trực tuyến"},
  {"online_payment", "Thanh toán trực tuyến"},
  {"overdue_now", "Đang quá hạn"},
  {"paid_online", "Thanh toán trực tuyến"},
  {"parent_code", "Mã đơn vị cấp trên"},
  {"period", "Kỳ"},
  {"period_kind", "Loại kỳ"},
  {"phone", "Điện thoại"},
  {"points", "Điểm"},
  {"principal", "Hiệu trưởng"},
  {"procedure_id", "ID thủ tục"},
  {"province", "Tỉnh"},
  {"province_code", "Mã tỉnh"},
  {"received_at", "Ngày tiếp nhận"},
  {"recognized_at", "Ngày công nhận"},
  {"recognized_level", "Mức được công nhận"},
  {"reference", "Số hồ sơ"},
  {"registry_count", "Số liệu đăng ký"},
  {"removed", "Đã xóa"},
  {"reported", "Số đơn vị đã báo cáo"},
  {"resolved_at", "Ngày giải quyết"},
  {"result_digitized", "Số hóa kết quả"},
  {"revoked_at", "Ngày thu hồi"},
  {"role", "Vai trò"},
  {"satellite_sites", "Số điểm trường lẻ"},
  {"satisfaction", "Mức độ hài lòng"},
  {"satisfaction_ratings", "Đánh giá hài lòng"},
  {"school_code", "Mã trường"},
  {"school_id", "ID trường"},
  {"school_levels", "Cấp học"},
  {"school_name", "Tên trường"},
  {"section_vi", "Mục"},
  {"self_level", "Mức tự đánh giá"},
  {"set_at", "Thời điểm cập nhật"},
  {"set_by", "Người cập nhật"},
  {"set_by_token_id", "Token cập nhật"},
  {"source", "Nguồn số liệu"},
  {"state", "Trạng thái (cột cũ sẽ bỏ)"}, /* an assessment's, deprecated: read status */
  {"status", "Trạng thái"},
  {"statutory_days", "Thời hạn giải quyết (ngày)"},
  {"students", "Số học sinh"},
  {"submitted_at", "Ngày nộp"},
  {"summary", "Tổng hợp tiến độ"},
  {"target", "Mục tiêu"},
  {"targets", "Chỉ tiêu kế hoạch"},
  {"teachers", "Số giáo viên"},
  {"title", "Tiêu đề"},
  {"title_en", "Tên nhiệm vụ (tiếng Anh)"},
  {"title_vi", "Tên nhiệm vụ"},
  {"units", "Đơn vị báo cáo"},
  {"updated_at", "Ngày cập nhật"},
  {"value", "Giá trị"},
  {"value_type", "Kiểu giá trị"},
  {"version", "Phiên bản"},
  {"version_changed_at", "Thời điểm đổi phiên bản"},
  {"website", "Trang web"},
  {"year", "Năm"},
};

const char *edx_column_label(const char *column, edx_lang lang)
{
  size_t lo = 0, hi = sizeof(column_headers) / sizeof(column_headers[0]);
  if (lang != EDX_LANG_VI)
    return column;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int cmp = strcmp(column_headers[mid].column, column);
    if (cmp == 0)
      return column_headers[mid].vi;
    if (cmp < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return column;
}

const char **edx_csv_headers(const char *const *columns, edx_lang lang)
{
  size_t n = 0;
  const char **out;
  while (columns[n])
    n++;
  out = calloc(n + 1, sizeof(*out));
  for (size_t i = 0; out && i < n; i++)
    out[i] = edx_column_label(columns[i], lang);
  return out;
}
