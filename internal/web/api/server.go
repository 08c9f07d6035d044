// Package api serves Switchboard's REST API v1 (JSON), its OpenAPI document,
// health and Prometheus metrics. Every route is denied unless the caller's
// role grants it; agents see only their departments.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/caseexport"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Server holds what the API handlers need.
type Server struct {
	Store    *store.Store
	Bus      *pipeline.Bus
	Router   *route.Router
	Log      *slog.Logger
	Gatherer prometheus.Gatherer
	Models   ModelManager
	Version  string
	// MaxBodyBytes bounds an ingest request; 0 means 32 MiB.
	MaxBodyBytes int64
	// Knowledge ranks the approved answers (app.App.Knowledge); nil loads it
	// from the store on first use.
	Knowledge *knowledge.Index
	// Channels configures connector accounts (app.App.Channels); nil answers 503.
	Channels *channel.Accounts
	// MetaWebhook receives Meta's webhook calls (app.App.MetaWebhook); nil answers 404.
	MetaWebhook http.Handler
	// Cases sends conversations to external systems (app.App.Cases); nil
	// makes one from SWITCHBOARD_SECRET_KEY and SWITCHBOARD_BASE_URL.
	Cases *caseexport.Exporter
	// Reports builds and sends the weekly reports; nil makes one from the
	// environment (report.FromEnv).
	Reports *report.Service

	answers answerState

	touchMu sync.Mutex
	touched map[int64]time.Time
}

// endpoint is one route of the API and the permission it needs ("" for public).
type endpoint struct {
	pattern string
	perm    access.Permission
	handler http.HandlerFunc
}

// Endpoints lists the API's routes as "METHOD /path" patterns, for the
// OpenAPI document's test.
func (s *Server) Endpoints() []string {
	var out []string
	for _, e := range s.endpoints() {
		out = append(out, e.pattern)
	}
	return out
}

func (s *Server) endpoints() []endpoint {
	return []endpoint{
		{"GET /healthz", "", s.health},
		{"GET /api/v1/openapi.json", "", s.openAPI},
		{"POST /api/v1/ingest", access.Ingest, s.ingest},
		{"GET /api/v1/messages", access.ReadMessages, s.listMessages},
		{"GET /api/v1/messages/{id}", access.ReadMessages, s.getMessage},
		{"POST /api/v1/messages/{id}/assign", access.WorkMessages, s.assign},
		{"POST /api/v1/messages/{id}/reroute", access.WorkMessages, s.reroute},
		{"POST /api/v1/messages/{id}/status", access.WorkMessages, s.setStatus},
		{"POST /api/v1/messages/{id}/priority", access.WorkMessages, s.setPriority},
		{"GET /api/v1/events", access.ReadMessages, s.events},
		{"GET /api/v1/departments", access.ReadConfig, s.listDepartments},
		{"PUT /api/v1/departments/{slug}", access.WriteConfig, s.putDepartment},
		{"DELETE /api/v1/departments/{slug}", access.WriteConfig, s.deleteDepartment},
		{"GET /api/v1/rules", access.ReadConfig, s.listRules},
		{"PUT /api/v1/rules", access.WriteConfig, s.putRules},
		{"GET /api/v1/users", access.ManageUsers, s.listUsers},
		{"POST /api/v1/users", access.ManageUsers, s.createUser},
		{"PATCH /api/v1/users/{id}", access.ManageUsers, s.updateUser},
		{"GET /api/v1/tokens", access.ManageUsers, s.listTokens},
		{"POST /api/v1/tokens", access.ManageUsers, s.createToken},
		{"DELETE /api/v1/tokens/{id}", access.ManageUsers, s.revokeToken},
		{"GET /api/v1/dead-letters", access.ReadDeadLetters, s.listDeadLetters},
		{"POST /api/v1/dead-letters/{id}/retry", access.RetryDeadLetter, s.retryDeadLetter},
		{"GET /api/v1/audit", access.ReadAudit, s.auditLog},
		{"GET /api/v1/models", access.ReadConfig, s.listModels},
		{"POST /api/v1/models/train", access.ManageModels, s.trainModel},
		{"POST /api/v1/models/{version}/activate", access.ManageModels, s.activateModel},
		{"POST /api/v1/models/rollback", access.ManageModels, s.rollbackModel},
		{"GET /api/v1/channels", access.ReadConfig, s.listKinds},
		{"GET /api/v1/accounts", access.ReadConfig, s.listAccounts},
		{"POST /api/v1/accounts", access.WriteConfig, s.createAccount},
		{"GET /api/v1/accounts/{id}", access.ReadConfig, s.getAccount},
		{"PATCH /api/v1/accounts/{id}", access.WriteConfig, s.updateAccount},
		{"DELETE /api/v1/accounts/{id}", access.WriteConfig, s.deleteAccount},
		{"GET /api/v1/webhooks/meta", "", s.metaWebhook},
		{"POST /api/v1/webhooks/meta", "", s.metaWebhook},
		{"GET /api/v1/answers", access.ReadAnswers, s.listAnswers},
		{"POST /api/v1/answers", access.WriteAnswers, s.createAnswer},
		{"GET /api/v1/answers/export", access.ReadAnswers, s.exportAnswers},
		{"POST /api/v1/answers/import", access.WriteAnswers, s.importAnswers},
		{"GET /api/v1/answers/{id}", access.ReadAnswers, s.getAnswer},
		{"PUT /api/v1/answers/{id}", access.WriteAnswers, s.updateAnswer},
		{"GET /api/v1/answers/{id}/versions", access.ReadAnswers, s.answerVersions},
		{"POST /api/v1/answers/{id}/approve", access.ApproveAnswers, s.approveAnswer},
		{"POST /api/v1/answers/{id}/retire", access.ApproveAnswers, s.retireAnswer},
		{"POST /api/v1/answers/{id}/used", access.WorkMessages, s.answerUsed},
		{"GET /api/v1/messages/{id}/suggestions", access.ReadAnswers, s.suggestions},
		{"GET /api/v1/incidents", access.ReadIncidents, s.listIncidents},
		{"GET /api/v1/incidents/{id}", access.ReadIncidents, s.getIncident},
		{"POST /api/v1/incidents/{id}/acknowledge", access.ManageIncidents, s.acknowledgeIncident},
		{"POST /api/v1/incidents/{id}/owner", access.ManageIncidents, s.setIncidentOwner},
		{"POST /api/v1/incidents/{id}/holding-statement", access.ManageIncidents, s.setHoldingStatement},
		{"POST /api/v1/incidents/{id}/close", access.ManageIncidents, s.closeIncident},
		{"GET /api/v1/webhook-subscriptions", access.ManageWebhooks, s.listWebhooks},
		{"POST /api/v1/webhook-subscriptions", access.ManageWebhooks, s.createWebhook},
		{"GET /api/v1/webhook-subscriptions/{id}", access.ManageWebhooks, s.getWebhook},
		{"DELETE /api/v1/webhook-subscriptions/{id}", access.ManageWebhooks, s.deleteWebhook},
		{"GET /api/v1/webhook-subscriptions/{id}/deliveries", access.ManageWebhooks, s.webhookDeliveries},
		{"GET /api/v1/webhook-subscriptions/{id}/attempts", access.ManageWebhooks, s.webhookAttempts},
		{"POST /api/v1/webhook-subscriptions/{id}/deliveries/{delivery}/redeliver", access.ManageWebhooks, s.redeliverWebhook},
		{"GET /api/v1/notifications", access.ReadIncidents, s.listNotifications},
		{"POST /api/v1/people", access.Privacy, s.createPerson},
		{"GET /api/v1/people/{id}", access.Privacy, s.getPerson},
		{"GET /api/v1/people/{id}/export", access.Privacy, s.exportPerson},
		{"DELETE /api/v1/people/{id}", access.Privacy, s.erasePerson},
		{"POST /api/v1/people/{id}/merge", access.Privacy, s.mergePeople},
		{"POST /api/v1/people/{id}/unmerge", access.Privacy, s.unmergeIdentity},
		{"GET /api/v1/people", access.ReadPeople, s.searchPeople},
		{"GET /api/v1/people/{id}/profile", access.ReadPeople, s.getProfile},
		{"PUT /api/v1/people/{id}/bio", access.WritePeople, s.putBio},
		{"POST /api/v1/people/{id}/tags", access.WritePeople, s.addTag},
		{"DELETE /api/v1/people/{id}/tags/{tag}", access.WritePeople, s.removeTag},
		{"POST /api/v1/people/{id}/notes", access.WritePeople, s.addPersonNote},
		{"PATCH /api/v1/people/{id}/fields", access.WritePeople, s.patchFields},
		{"POST /api/v1/authors/{id}/person", access.WritePeople, s.personOfAuthor},
		{"GET /api/v1/tags", access.ReadPeople, s.listTags},
		{"GET /api/v1/custom-fields", access.ReadPeople, s.listFields},
		{"POST /api/v1/custom-fields", access.ManageFields, s.createField},
		{"PUT /api/v1/custom-fields/{key}", access.ManageFields, s.updateField},
		{"DELETE /api/v1/custom-fields/{key}", access.ManageFields, s.deleteField},
		{"GET /api/v1/segments", access.ReadPeople, s.listSegments},
		{"POST /api/v1/segments", access.WritePeople, s.createSegment},
		{"GET /api/v1/segments/{id}", access.ReadPeople, s.getSegment},
		{"PUT /api/v1/segments/{id}", access.WritePeople, s.updateSegment},
		{"DELETE /api/v1/segments/{id}", access.WritePeople, s.deleteSegment},
		{"GET /api/v1/segments/{id}/members", access.ReadPeople, s.segmentMembers},
		{"GET /api/v1/communities", access.ReadConfig, s.listCommunities},
		{"POST /api/v1/communities", access.ManageCommunity, s.createCommunity},
		{"GET /api/v1/communities/{slug}", access.ReadConfig, s.getCommunity},
		{"PUT /api/v1/communities/{slug}", access.ManageCommunity, s.updateCommunity},
		{"DELETE /api/v1/communities/{slug}", access.ManageCommunity, s.deleteCommunity},
		{"PUT /api/v1/communities/{slug}/members/{user}", access.ManageCommunity, s.addCommunityMember},
		{"DELETE /api/v1/communities/{slug}/members/{user}", access.ManageCommunity, s.removeCommunityMember},
		{"GET /api/v1/communities/{slug}/assignment-rules", access.ReadConfig, s.getAssignmentRules},
		{"PUT /api/v1/communities/{slug}/assignment-rules", access.ManageCommunity, s.putAssignmentRules},
		{"GET /api/v1/communities/{slug}/retention", access.Privacy, s.getRetention},
		{"PUT /api/v1/communities/{slug}/retention", access.Privacy, s.putRetention},
		{"GET /api/v1/figures/volume", access.ReadAnalytics, s.figure("volume", s.figureVolume)},
		{"GET /api/v1/figures/sentiment", access.ReadAnalytics, s.figure("sentiment", s.figureSentiment)},
		{"GET /api/v1/figures/sla", access.ReadAnalytics, s.figure("sla", s.figureSLA)},
		{"GET /api/v1/figures/backlog", access.ReadAnalytics, s.figure("backlog", s.figureBacklog)},
		{"GET /api/v1/figures/terms", access.ReadAnalytics, s.figure("terms", s.figureTerms)},
		{"GET /api/v1/figures/share-of-voice", access.ReadAnalytics, s.figure("share_of_voice", s.figureShare)},
		{"GET /api/v1/case-targets", access.ConfigureCases, s.listCaseTargets},
		{"GET /api/v1/case-targets/{name}", access.ConfigureCases, s.getCaseTarget},
		{"PUT /api/v1/case-targets/{name}", access.ConfigureCases, s.putCaseTarget},
		{"DELETE /api/v1/case-targets/{name}", access.ConfigureCases, s.deleteCaseTarget},
		{"GET /api/v1/messages/{id}/cases", access.ReadMessages, s.listCases},
		{"POST /api/v1/messages/{id}/cases", access.ExportCases, s.createCase},
		{"POST /api/v1/messages/{id}/cases/preview", access.ExportCases, s.previewCase},
		{"GET /api/v1/communities/{slug}/report-settings", access.ManageReports, s.getReportSettings},
		{"PUT /api/v1/communities/{slug}/report-settings", access.ManageReports, s.putReportSettings},
		{"GET /api/v1/communities/{slug}/report/preview", access.ManageReports, s.previewReport},
		{"POST /api/v1/communities/{slug}/report/send", access.ManageReports, s.sendReport},
		{"GET /api/v1/communities/{slug}/reports", access.ManageReports, s.listReports},
		{"GET /api/v1/leaders", access.ReadMessages, s.listLeaders},
		{"GET /api/v1/communities/{slug}/leaders", access.ReadMessages, s.communityLeaders},
		{"GET /api/v1/repeaters", access.ReadMessages, s.listRepeaters},
		{"GET /api/v1/influence", access.ReadMessages, s.getInfluence},
	}
}

// Handler returns the HTTP handler of the API.
func (s *Server) Handler() http.Handler {
	s.followAnswers()
	mux := http.NewServeMux()
	for _, e := range s.endpoints() {
		if e.perm == "" {
			mux.HandleFunc(e.pattern, e.handler)
			continue
		}
		mux.Handle(e.pattern, s.allow(e.perm, e.handler))
	}
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+" (see /api/v1/openapi.json)")
	})
	return mux
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status := map[string]string{"status": "ok", "database": "ok", "nats": "ok", "version": s.Version}
	code := http.StatusOK
	if err := s.Store.Ping(ctx); err != nil {
		status["database"], status["status"], code = err.Error(), "degraded", http.StatusServiceUnavailable
	}
	if !s.Bus.Conn().IsConnected() {
		status["nats"], status["status"], code = s.Bus.Conn().Status().String(), "degraded", http.StatusServiceUnavailable
	}
	writeJSON(w, code, status)
}

// reloadRouting reads the routing configuration from the store, applies it
// here and tells the other processes to do the same.
func (s *Server) reloadRouting(ctx context.Context) error {
	cfg, err := s.Store.RoutingConfig(ctx)
	if err != nil {
		return err
	}
	if err := s.Router.Set(cfg); err != nil {
		return err
	}
	if err := s.Bus.Conn().Publish(s.Bus.ConfigSubject, nil); err != nil {
		s.Log.Warn("announce routing change", "err", err)
	}
	return nil
}
