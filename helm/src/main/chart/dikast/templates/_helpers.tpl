{{/* The chart's short name. */}}
{{- define "dikast.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release-qualified base name every object name starts with. */}}
{{- define "dikast.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "dikast.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "dikast.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "dikast.operator.fullname" -}}
{{- printf "%s-operator" (include "dikast.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dikast.grafeas.fullname" -}}
{{- printf "%s-grafeas" (include "dikast.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dikast.webhook.tlsSecretName" -}}
{{- printf "%s-webhook-tls" (include "dikast.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dikast.webhook.configurationName" -}}
{{- printf "%s-%s" (include "dikast.fullname" .) .Release.Namespace | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dikast.operator.serviceAccountName" -}}
{{- default (include "dikast.operator.fullname" .) .Values.operator.serviceAccount.name }}
{{- end }}

{{- define "dikast.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "dikast.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dikast
{{- end }}

{{- define "dikast.operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dikast.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "dikast.grafeas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dikast.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: grafeas
{{- end }}

{{/* An image reference: the digest, when given, pins it; the tag defaults to the chart's appVersion. */}}
{{- define "dikast.image" -}}
{{- $tag := default .chart.AppVersion .image.tag -}}
{{- if .image.digest -}}
{{- printf "%s@%s" .image.repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end }}

{{/* The container security settings every Dikast container runs with. */}}
{{- define "dikast.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "dikast.webhook.selfManagedTls" -}}
{{- if eq .Values.webhook.tls.mode "selfManaged" }}true{{ end }}
{{- end }}

{{/* The gRPC address the operator reads attestations from. */}}
{{- define "dikast.grafeas.address" -}}
{{- if eq .Values.grafeas.mode "external" -}}
{{- required "grafeas.external.address is required when grafeas.mode is external" .Values.grafeas.external.address -}}
{{- else -}}
{{- printf "%s.%s.svc:%d" (include "dikast.grafeas.fullname" .) .Release.Namespace (int .Values.grafeas.bundled.service.port) -}}
{{- end -}}
{{- end }}

{{/* Settings of the operator's self-managed webhook certificate (io.dikast.operator.webhooktls). */}}
{{- define "dikast.webhook.tlsEnv" -}}
- name: DIKAST_WEBHOOK_TLS_NAMESPACE
  value: {{ .Release.Namespace | quote }}
- name: DIKAST_WEBHOOK_TLS_SECRET_NAME
  value: {{ include "dikast.webhook.tlsSecretName" . | quote }}
- name: DIKAST_WEBHOOK_TLS_SERVICE_NAME
  value: {{ include "dikast.operator.fullname" . | quote }}
- name: DIKAST_WEBHOOK_TLS_WEBHOOK_CONFIGURATION_NAME
  value: {{ include "dikast.webhook.configurationName" . | quote }}
- name: DIKAST_WEBHOOK_TLS_DIRECTORY
  value: /etc/dikast/webhook-tls
- name: DIKAST_WEBHOOK_TLS_VALIDITY
  value: {{ .Values.webhook.tls.selfManaged.validity | quote }}
- name: DIKAST_WEBHOOK_TLS_RENEW_BEFORE
  value: {{ .Values.webhook.tls.selfManaged.renewBefore | quote }}
{{- end }}
