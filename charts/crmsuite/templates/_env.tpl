{{/*
The settings a service reads (charts/crmsuite/README.md lists them): the non-secret ones go into
its ConfigMap, the secret ones into `env` from Secrets (secretKeyRef), never into a ConfigMap.
Call with (dict "root" $ "name" "clients" "entry" <catalog entry>).
*/}}
{{- define "crmsuite.settings" -}}
{{- $root := .root -}}
{{- $publicUrl := include "crmsuite.publicUrl" $root -}}
ASPNETCORE_ENVIRONMENT: {{ $root.Values.environment | quote }}
# Kestrel's endpoints from appsettings.json listen on loopback for a local run: here on every interface.
Kestrel__Endpoints__http__Url: "http://+:{{ include "crmsuite.httpPort" . }}"
Kestrel__Endpoints__grpc__Url: "http://+:{{ include "crmsuite.grpcPort" . }}"
Identity__Issuer: {{ $publicUrl | quote }}
OTEL_SERVICE_NAME: {{ .name | quote }}
{{- with $root.Values.telemetry.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
{{- /* The sidecar injected by Dapr listens on these ports in the pod. */}}
{{- if .entry.dapr }}
DAPR_HTTP_ENDPOINT: "http://127.0.0.1:3500"
DAPR_GRPC_ENDPOINT: "http://127.0.0.1:50001"
Messaging__PubSubName: {{ $root.Values.pubsub.name | quote }}
{{- end }}
{{- /* Service discovery, as Aspire's WithReference sets it: http://clients and http://_grpc.clients resolve here. */}}
{{- range .entry.calls }}
services__{{ . }}__http__0: "http://{{ . }}:{{ include "crmsuite.httpPort" $ }}"
services__{{ . }}__grpc__0: "http://{{ . }}:{{ include "crmsuite.grpcPort" $ }}"
{{- end }}
{{- if has .name (list "warehouse" "scheduling" "documents") }}
Clients__GrpcAddress: "http://clients:{{ include "crmsuite.grpcPort" . }}"
{{- end }}
{{- if eq .name "documents" }}
Scheduling__GrpcAddress: "http://scheduling:{{ include "crmsuite.grpcPort" . }}"
Warehouse__GrpcAddress: "http://warehouse:{{ include "crmsuite.grpcPort" . }}"
# The first invoice after a start does not wait for Chromium to launch (installed in the image).
Documents__Rendering__WarmOnStart: "true"
Documents__Rendering__ChromiumPath: "/usr/bin/chromium"
{{- end }}
{{- if eq .name "scheduling" }}
# Process steps create documents from templates (as the scheduling service's own account).
Documents__GrpcAddress: "http://documents:{{ include "crmsuite.grpcPort" . }}"
# Links in e-mail and SMS reminders open the item in the staff UI.
Scheduling__Channels__PublicBaseUrl: {{ $publicUrl | quote }}
{{- with $root.Values.services.scheduling.webPush }}
{{- if and .existingSecret .subject }}
Scheduling__WebPush__Subject: {{ .subject | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq .name "gateway" }}
# The ingress controller terminates TLS: the gateway trusts its X-Forwarded-Proto/-For so that
# its redirect URIs and cookies are https (the pod is only reachable from the controller).
ASPNETCORE_FORWARDEDHEADERS_ENABLED: "true"
{{- end }}
{{- end -}}

{{/* Secret settings: env entries with secretKeyRef (and connection strings by $(VAR) expansion). */}}
{{- define "crmsuite.secretEnv" -}}
{{- $root := .root -}}
{{- $fullname := include "crmsuite.fullname" $root -}}
{{- if .entry.database }}
{{- $database := include "crmsuite.database" (dict "root" $root "name" .name "default" .entry.database) }}
{{- if eq .name "audit" }}
{{- /* The audit service runs as its append-only role, never as the owner. */}}
- name: AUDIT_WRITER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.secretName" (dict "root" $root "item" "auditWriter" "suffix" "audit-writer") }}
      key: {{ $root.Values.secrets.auditWriter.key }}
- name: AUDIT_WRITER_USERNAME
  value: audit_writer
- name: ConnectionStrings__auditdb
  value: {{ include "crmsuite.connectionString" (dict "root" $root "database" $database "userVar" "AUDIT_WRITER_USERNAME" "passwordVar" "AUDIT_WRITER_PASSWORD") | quote }}
{{- else }}
{{ include "crmsuite.pgCredentialsEnv" (dict "root" $root) }}
- name: ConnectionStrings__{{ .entry.database }}
  value: {{ include "crmsuite.connectionString" (dict "root" $root "database" $database "userVar" "PG_USERNAME" "passwordVar" "PG_PASSWORD") | quote }}
{{- end }}
{{- end }}
{{- if eq .name "identity" }}
- name: Identity__Keys__SigningRsaPem
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.secretName" (dict "root" $root "item" "identityKeys" "suffix" "identity-keys") }}
      key: {{ $root.Values.secrets.identityKeys.signingKeyKey }}
- name: Identity__Keys__EncryptionKey
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.secretName" (dict "root" $root "item" "identityKeys" "suffix" "identity-keys") }}
      key: {{ $root.Values.secrets.identityKeys.encryptionKeyKey }}
{{- end }}
{{- if eq .name "gateway" }}
- name: Identity__Clients__Gateway__Secret
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.secretName" (dict "root" $root "item" "gatewayClient" "suffix" "gateway-client") }}
      key: {{ $root.Values.secrets.gatewayClient.key }}
{{- end }}
{{- if eq .name "scheduling" }}
- name: Scheduling__ServiceAccount__Secret
  valueFrom:
    secretKeyRef:
      name: {{ include "crmsuite.secretName" (dict "root" $root "item" "schedulingClient" "suffix" "scheduling-client") }}
      key: {{ $root.Values.secrets.schedulingClient.key }}
{{- with $root.Values.services.scheduling.webPush }}
{{- if .existingSecret }}
- name: Scheduling__WebPush__PublicKey
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .publicKeyKey }}
- name: Scheduling__WebPush__PrivateKey
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .privateKeyKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
