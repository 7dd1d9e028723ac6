#!/bin/bash
# make-project.sh PROJECT_DIR MASTER_URL JOBS CODESIGN_PROGRAM
#
# Writes the fake project's files:
#   PROJECT_DIR/www/index.html      master page (only read on a master fetch)
#   PROJECT_DIR/www/download/...    the application and one input file per job
#   PROJECT_DIR/code_sign_public    the public key that signs the application
#   PROJECT_DIR/work.xml            the jobs, as a scheduler-reply fragment
# With JOBS=0 only the master page is written.
#
# The client checks an application file against its <file_signature>, and
# an input file against <md5_cksum> and <nbytes> only.  A job therefore
# costs at least two downloads: the signed application and its input.
#
# Optional, from the environment:
#   PROJECT_INPUT_BYTES=N      size of each input file (default 262144)
#   PROJECT_DOWNLOAD_QUERY=Q   the input files' URLs end in "?Q" (nginx
#                              ignores it; Q must need no XML escaping)
set -euo pipefail

project=${1:?project dir} url=${2:?master url} jobs=${3:?jobs}
codesign=${4:?codesign program}
read -r _ platform < <(/usr/bin/boinc --version)
here=$(cd "$(dirname "$0")" && pwd)
www=$project/www
app=rigapp_1.00_$platform
input_bytes=${PROJECT_INPUT_BYTES:-262144}	# several recv() calls per download
input_query=${PROJECT_DOWNLOAD_QUERY:+?$PROJECT_DOWNLOAD_QUERY}

mkdir -p "$www/download"
cat > "$www/index.html" <<HTML
<html><head><title>netlife test project</title>
<link rel="boinc_scheduler" href="${url}cgi">
</head><body><scheduler>${url}cgi</scheduler></body></html>
HTML
[ "$jobs" -gt 0 ] || exit 0

install -m 755 "$here/fakeapp.sh" "$www/download/$app"
signature=$("$codesign" "$project/code_sign_public" "$www/download/$app")

# The application: sent once, with the first job.
cat > "$project/work.xml" <<XML
<app>
  <name>rigapp</name>
  <user_friendly_name>netlife rig app</user_friendly_name>
</app>
<file_info>
  <name>$app</name>
  <url>${url}download/$app</url>
  <executable/>
  <file_signature>
$signature
  </file_signature>
  <nbytes>$(stat -c %s "$www/download/$app")</nbytes>
</file_info>
<app_version>
  <app_name>rigapp</app_name>
  <version_num>100</version_num>
  <platform>$platform</platform>
  <avg_ncpus>1</avg_ncpus>
  <flops>1e9</flops>
  <api_version>7.20.0</api_version>
  <file_ref>
    <file_name>$app</file_name>
    <main_program/>
  </file_ref>
</app_version>
XML

# One input file, workunit and result per job.
deadline=$(( $(date +%s) + 7 * 86400 ))
for ((i = 0; i < jobs; i++)); do
	input=rig_in_$i
	head -c "$input_bytes" < <(yes "netlife rig input $i") > "$www/download/$input"
	cat >> "$project/work.xml" <<XML
<file_info>
  <name>$input</name>
  <url>${url}download/$input$input_query</url>
  <md5_cksum>$(md5sum < "$www/download/$input" | cut -d' ' -f1)</md5_cksum>
  <nbytes>$input_bytes</nbytes>
</file_info>
<workunit>
  <name>rig_wu_$i</name>
  <app_name>rigapp</app_name>
  <version_num>100</version_num>
  <rsc_fpops_est>1e9</rsc_fpops_est>
  <rsc_fpops_bound>1e12</rsc_fpops_bound>
  <rsc_memory_bound>1e8</rsc_memory_bound>
  <rsc_disk_bound>1e8</rsc_disk_bound>
  <file_ref>
    <file_name>$input</file_name>
    <open_name>in</open_name>
  </file_ref>
</workunit>
<result>
  <name>rig_wu_${i}_0</name>
  <wu_name>rig_wu_$i</wu_name>
  <platform>$platform</platform>
  <version_num>100</version_num>
  <report_deadline>$deadline</report_deadline>
</result>
XML
done
