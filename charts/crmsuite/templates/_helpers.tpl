{{/*
The suite's services as the code has them (not values: they are facts of the code, the AppHost
has the same graph in AppHost/CrmSuite.AppHost/Program.cs):
  dll       the program in the image; `dotnet <dll> migrate` applies its migrations (a hook Job)
  database  ConnectionStrings:<database> is what it reads (one database per service)
  dapr      it publishes or subscribes through the Dapr sidecar (outbox relay, inbox topics)
  calls     the services it calls over HTTP/gRPC (service discovery `services:<name>:<http|grpc>:0`):
            every service validates tokens against identity's internal address; warehouse,
            scheduling and documents check records with clients (and documents with scheduling
            and warehouse); scheduling's process engine moves deals (clients) and creates documents
            (documents) as its own account; the gateway proxies to all. The NetworkPolicies are derived from it.
  seedDemo  its `migrate` accepts --seed-demo
*/}}
{{- define "crmsuite.catalog" -}}
identity:
  dll: CrmSuite.Identity.dll
  database: identitydb
  dapr: true
  calls: []
audit:
  dll: CrmSuite.Audit.Api.dll
  database: auditdb
  dapr: true
  calls: [identity]
clients:
  dll: CrmSuite.Clients.Api.dll
  database: clientsdb
  dapr: true
  calls: [identity]
  seedDemo: true
warehouse:
  dll: CrmSuite.Warehouse.Api.dll
  database: warehousedb
  dapr: true
  calls: [identity, clients]
  seedDemo: true
scheduling:
  dll: CrmSuite.Scheduling.Api.dll
  database: schedulingdb
  dapr: true
  calls: [identity, clients, documents]
documents:
  dll: CrmSuite.Documents.Api.dll
  database: documentsdb
  dapr: true
  calls: [identity, clients, scheduling, warehouse]
  seedDemo: true
kpi:
  dll: CrmSuite.Kpi.Api.dll
  database: kpidb
  dapr: true
  calls: [identity]
gateway:
  dll: CrmSuite.Gateway.dll
  database: gatewaydb
  dapr: false
  calls: [identity, audit, clients, warehouse, scheduling, documents, kpi]
{{- end -}}

{{/* Ports every service listens on (Kestrel endpoints "http" HTTP/1.1 and "grpc" HTTP/2 cleartext). */}}
{{- define "crmsuite.httpPort" -}}8080{{- end -}}
{{- define "crmsuite.grpcPort" -}}8081{{- end -}}

{{- define "crmsuite.chart" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Release-scoped names (secrets, the database cluster); services are named by their one name. */}}
{{- define "crmsuite.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}
{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end -}}
{{- end -}}

{{- define "crmsuite.baseLabels" -}}
helm.sh/chart: {{ include "crmsuite.chart" . }}
app.kubernetes.io/part-of: crmsuite
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "crmsuite.labels" -}}
{{ include "crmsuite.baseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one service's pods: name + instance only. Call with (dict "root" $ "name" "clients"). */}}
{{- define "crmsuite.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The public address of the staff UI: identity's issuer, in every token. */}}
{{- define "crmsuite.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{ .Values.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.host -}}
{{ ternary "https" "http" .Values.ingress.tls.enabled }}://{{ .Values.ingress.host }}
{{- else -}}
{{ fail "publicUrl (the address people open, e.g. https://crm.example.com) is required, or ingress.enabled with ingress.host" }}
{{- end -}}
{{- end -}}

{{/* The image of a service: (dict "root" $ "name" "clients" "svc" <services.clients>). Never `latest`. */}}
{{- define "crmsuite.image" -}}
{{- $tag := .svc.tag | default .root.Values.image.tag | default .root.Chart.AppVersion | toString -}}
{{- if eq $tag "latest" -}}
{{ fail (printf "services.%s.tag: pin a version, not latest" .name) }}
{{- end -}}
{{- $repository := .svc.image | default (printf "crmsuite/%s" .name) -}}
{{- if .root.Values.image.registry -}}
{{ printf "%s/%s:%s" (.root.Values.image.registry | trimSuffix "/") $repository $tag }}
{{- else -}}
{{ printf "%s:%s" $repository $tag }}
{{- end -}}
{{- end -}}

{{/* Secret names: the admin's existing secret or the one this chart generates. */}}
{{- define "crmsuite.secretName" -}}
{{- $secret := index .root.Values.secrets .item -}}
{{- $secret.existingSecret | default (printf "%s-%s" (include "crmsuite.fullname" .root) .suffix) -}}
{{- end -}}

{{/* PostgreSQL: where it is and which secret holds the owner's user name and password. */}}
{{- define "crmsuite.pgHost" -}}
{{- if .Values.postgresql.cloudnativepg.enabled -}}
{{ include "crmsuite.fullname" . }}-pg-rw
{{- else if .Values.postgresql.external.host -}}
{{ .Values.postgresql.external.host }}
{{- else -}}
{{ fail "postgresql.external.host is required (or postgresql.cloudnativepg.enabled: true)" }}
{{- end -}}
{{- end -}}

{{- define "crmsuite.pgSecret" -}}
{{- if .Values.postgresql.cloudnativepg.enabled -}}
{{ include "crmsuite.fullname" . }}-pg-app
{{- else if .Values.postgresql.external.existingSecret -}}
{{ .Values.postgresql.external.existingSecret }}
{{- else -}}
{{ fail "postgresql.external.existingSecret (a Secret with the database user's name and password) is required" }}
{{- end -}}
{{- end -}}

{{/* The database of a service: (dict "root" $ "name" "clients" "default" "clientsdb"). */}}
{{- define "crmsuite.database" -}}
{{- if .root.Values.postgresql.cloudnativepg.enabled -}}
{{ .default }}
{{- else -}}
{{ index .root.Values.postgresql.external.databases .name | default .default }}
{{- end -}}
{{- end -}}

{{/*
Environment entries for the database owner's credentials and a connection string built from them
by Kubernetes' $(VAR) expansion, so the password is never written into the pod spec or a ConfigMap.
(dict "root" $ "connectionName" "clientsdb" "database" "clientsdb" "userVar" "PG_USERNAME" "passwordVar" "PG_PASSWORD")
*/}}
{{- define "crmsuite.pgCredentialsEnv" -}}
{{- $pg := .root.Values.postgresql -}}
- name: PG_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.pgSecret" .root }}
      key: {{ ternary "username" $pg.external.usernameKey $pg.cloudnativepg.enabled }}
- name: PG_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.pgSecret" .root }}
      key: {{ ternary "password" $pg.external.passwordKey $pg.cloudnativepg.enabled }}
{{- end -}}

{{- define "crmsuite.connectionString" -}}
{{- $pg := .root.Values.postgresql -}}
{{- $port := ternary 5432 $pg.external.port $pg.cloudnativepg.enabled -}}
{{- $ssl := ternary "Require" $pg.external.sslMode $pg.cloudnativepg.enabled -}}
Host={{ include "crmsuite.pgHost" .root }};Port={{ $port }};Database={{ .database }};Username=$({{ .userVar }});Password=$({{ .passwordVar }});SSL Mode={{ $ssl }}{{ if $pg.extraConnectionOptions }};{{ $pg.extraConnectionOptions }}{{ end }}
{{- end -}}

{{/* Hardened pod and container settings shared by the Deployments and the migration Jobs. */}}
{{- define "crmsuite.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "crmsuite.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Egress every pod of the release needs (when egress is limited): DNS, the database cluster,
Dapr's control plane for a sidecar, and the site's own rules. (dict "root" $ "dapr" true) */}}
{{- define "crmsuite.egressRules" -}}
{{- $egress := .root.Values.networkPolicy.egress -}}
- to:
    - namespaceSelector:
        {{- toYaml $egress.dnsNamespaceSelector | nindent 8 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- if .root.Values.postgresql.cloudnativepg.enabled }}
- to:
    - podSelector:
        matchLabels:
          cnpg.io/cluster: {{ include "crmsuite.fullname" .root }}-pg
  ports:
    - port: 5432
      protocol: TCP
{{- end }}
{{- if .dapr }}
# The Dapr sidecar: sentry, operator, placement and scheduler.
- to:
    - namespaceSelector:
        {{- toYaml $egress.daprNamespaceSelector | nindent 8 }}
{{- end }}
{{- with $egress.to }}
{{ toYaml . }}
{{- end }}
{{- end -}}
