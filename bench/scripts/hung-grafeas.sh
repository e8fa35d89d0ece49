#!/usr/bin/env bash
# The denial of a 100-image pod by the standalone operator while Grafeas accepts connections and never answers.
# Usage: bench/scripts/hung-grafeas.sh CHECKOUT [OPERATOR_JAR]  (after mvn -B -DskipTests package)
set -eu
R=$1; OPJAR=${2:-$1/operator/target/quarkus-app/quarkus-run.jar}; W=$(mktemp -d); cd $W
D=$R/cli/target/dikast/bin/dikast
GP=$((20000 + RANDOM % 10000)); OP=$((30000 + RANDOM % 10000))
python3 -c "
import socket,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR,1); s.bind(('127.0.0.1',$GP)); s.listen(1000)
held=[]
while True:
    c,_=s.accept(); held.append(c)
" &
G=$!
trap 'kill $G ${O:-} 2>/dev/null; rm -rf $W' EXIT
openssl ecparam -genkey -name prime256v1 -noout -out k.pem 2>/dev/null; openssl ec -in k.pem -pubout -out pub.pem 2>/dev/null
mkdir pol
$D authority --name qa --namespace payments --note projects/image-signing/notes/qa --pkix-public-key pub.pem --algorithm ECDSA_P256_SHA256 > pol/aa.yaml
printf 'apiVersion: kritis.grafeas.io/v1beta1\nkind: ImageSecurityPolicy\nmetadata: {name: qa-only, namespace: payments}\nspec:\n  attestationAuthorityNames: [qa]\n' > pol/isp.yaml
java -Dquarkus.profile=standalone -Ddikast.standalone.policies=$W/pol -Ddikast.grafeas.address=127.0.0.1:$GP -Dquarkus.http.ssl-port=$OP -Ddikast.standalone.ca-file=$W/ca.pem -jar $OPJAR > operator.log 2>&1 &
O=$!
for i in $(seq 1 600); do [ -f ca.pem ] && curl -s -o /dev/null --cacert ca.pem https://127.0.0.1:$OP/q/health/live && break; sleep 0.1; done
sleep 20
C=$(python3 -c "print(','.join('{\"name\":\"c%d\",\"image\":\"gcr.io/x/service-%d@sha256:%s\"}' % (i,i,'ab'*32) for i in range(100)))")
for n in 1 2 3; do
printf '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u%s","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"namespace":"payments","operation":"CREATE","userInfo":{"username":"a"},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p%s","namespace":"payments"},"spec":{"containers":[%s]}}}}' $n $n "$C" > r.json
curl -s -o out.json -w "100-image pod, hung Grafeas, run $n: %{time_total} s, " --cacert ca.pem -H 'Content-Type: application/json' --data-binary @r.json https://127.0.0.1:$OP/validate
grep -o '"allowed":[a-z]*' out.json | head -1; grep -o 'did not answer within [0-9]* ms' out.json | sort | uniq -c
done
uptime
