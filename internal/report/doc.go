// Package report sends each community its weekly report: an HTML e-mail, in
// French or English, with the week's volume by channel, class and
// department, the sentiment trend, the SLA on-time share, the backlog, the
// rising terms and the incidents, each compared with the week before. The
// figures come from internal/analytics; a scheduler in the serve process
// sends each due report once, claiming it in the database first so that a
// restart or a second process does not send it again.
package report
