#!/usr/bin/env bash
# The first admissions after the standalone operator reports ready, against a fresh Grafeas server.
# Usage: bench/scripts/first-admission.sh CHECKOUT [OPERATOR_JAR]  (after mvn -B -DskipTests package)
set -eu
R=$1; OPJAR=${2:-$1/operator/target/quarkus-app/quarkus-run.jar}; W=$(mktemp -d); cd $W
D=$R/cli/target/dikast/bin/dikast
GP=$((20000 + RANDOM % 10000)); OP=$((30000 + RANDOM % 10000))
java -Dquarkus.http.port=$GP -Ddikast.grafeas.storage.embedded.path=$W/store -jar $R/grafeas-server/target/quarkus-app/quarkus-run.jar > grafeas.log 2>&1 &
G=$!
trap 'kill $G ${O:-} 2>/dev/null; rm -rf $W' EXIT
for i in $(seq 1 100); do curl -sf http://127.0.0.1:$GP/q/health/ready >/dev/null && break; sleep 0.3; done
$D note create --grafeas 127.0.0.1:$GP --project image-signing --note qa >/dev/null
openssl ecparam -genkey -name prime256v1 -noout -out k.pem 2>/dev/null; openssl ec -in k.pem -pubout -out pub.pem 2>/dev/null
mkdir pol
$D authority --name qa --namespace payments --note projects/image-signing/notes/qa --pkix-public-key pub.pem --algorithm ECDSA_P256_SHA256 > pol/aa.yaml
printf 'apiVersion: kritis.grafeas.io/v1beta1\nkind: ImageSecurityPolicy\nmetadata: {name: qa-only, namespace: payments}\nspec:\n  attestationAuthorityNames: [qa]\n' > pol/isp.yaml
IMG=gcr.io/x/payment@sha256:$(printf a%.0s $(seq 64))
$D sign --grafeas 127.0.0.1:$GP --image $IMG --note projects/image-signing/notes/qa --key k.pem --algorithm ECDSA_P256_SHA256 >/dev/null
T0=$(date +%s.%N)
java -Dquarkus.profile=standalone -Ddikast.standalone.policies=$W/pol -Ddikast.grafeas.address=127.0.0.1:$GP -Dquarkus.http.ssl-port=$OP -Ddikast.standalone.ca-file=$W/ca.pem ${OPERATOR_OPTS:-} -jar $OPJAR > operator.log 2>&1 &
O=$!
for i in $(seq 1 300); do [ -f ca.pem ] && curl -sf --cacert ca.pem https://127.0.0.1:$OP/q/health/ready >/dev/null && break; sleep 0.1; done
T1=$(date +%s.%N)
review() { printf '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u%s","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"namespace":"payments","operation":"CREATE","userInfo":{"username":"a"},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"payments"},"spec":{"containers":[{"name":"c","image":"%s"}]}}}}' $1 $2; }
echo "ready after $(echo "$T1 - $T0" | bc) s"
for n in 1 2 3; do
  review $n $IMG > r.json
  curl -s -o out.json -w "admission $n (attested): %{time_total} s, " --cacert ca.pem -H 'Content-Type: application/json' --data-binary @r.json https://127.0.0.1:$OP/validate
  grep -o '"allowed":[a-z]*' out.json
done
review 9 gcr.io/x/other@sha256:$(printf b%.0s $(seq 64)) > r.json
curl -s -o out.json -w "admission 4 (unattested): %{time_total} s, " --cacert ca.pem -H 'Content-Type: application/json' --data-binary @r.json https://127.0.0.1:$OP/validate; grep -o '"allowed":[a-z]*' out.json
