"""Exports TinyCrossEncoder (see TinyCrossEncoder.java) as TorchScript for DJL's PyTorch engine.

The committed output is
reranker-test-fixtures/src/main/resources/dev/reranker/testfixtures/tiny-cross-encoder.pt, which
TinyCrossEncoder.writeWithTorchScript(...) copies to model.pt. Rerun it only when the fixture's
computation changes (keep this module and TinyCrossEncoder.model(...) in step):

    # Debian/Ubuntu: apt-get install -y python3-torch   (tested with torch 1.13)
    /usr/bin/python3 reranker-test-fixtures/src/main/python/export_tiny_cross_encoder_torchscript.py

It needs only torch, no network and no tokenizer. The ONNX graph embeds token id i as the one-hot
vector of i % 64 through a [30522, 64] table (special tokens [PAD]=0 and [UNK] [CLS] [SEP] [MASK] =
100..103 embed to zero). This module computes the same embedding with one_hot instead of the table,
so the file stays a few KB instead of 7.8 MB (one difference: ids beyond the vocabulary are not
rejected as the table's Gather rejects them; the tokenizer never produces them). The rest is the graph's computation op for op:
mean of the query-segment (token type 0) and document-segment (token type 1) embeddings over
attended positions, logit = SCALE * dot(queryMean, documentMean) + BIAS, shape [batch, 1].
Inputs are input_ids, attention_mask, token_type_ids (int64 [batch, sequence]) in that order, as
the local provider passes them to the PyTorch engine.
"""

import io
import os
import sys
import zipfile

import torch

DIMENSIONS = 64
SCALE = 8.0
BIAS = -2.0
VOCAB_SIZE = 30522

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "reranker",
                      "testfixtures", "tiny-cross-encoder.pt")


class TinyCrossEncoder(torch.nn.Module):
    # TorchScript cannot read module globals, and module constants are written in set order (not
    # reproducible), so DIMENSIONS = 64, SCALE = 8.0 and BIAS = -2.0 are spelled out in forward.

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        special = (input_ids == 0) | ((input_ids >= 100) & (input_ids <= 103))
        embedded = torch.nn.functional.one_hot(torch.remainder(input_ids, 64), 64).to(torch.float32)
        embedded = embedded * torch.logical_not(special).to(torch.float32).unsqueeze(2)
        mask = attention_mask.to(torch.float32)
        types = token_type_ids.to(torch.float32)
        document_weight = mask * types
        query_weight = mask - document_weight
        query_mean = self.mean(embedded, query_weight)
        document_mean = self.mean(embedded, document_weight)
        overlap = torch.sum(query_mean * document_mean, dim=1, keepdim=True)
        return overlap * 8.0 - 2.0

    @staticmethod
    def mean(embedded: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
        weighted = embedded * weight.unsqueeze(2)
        return torch.sum(weighted, dim=1) / torch.sum(weight, dim=1, keepdim=True)


def reference_logit(ids, type_ids, mask):
    """TinyCrossEncoder.referenceLogit(...) in plain Python, to check the export."""
    query = [0.0] * DIMENSIONS
    document = [0.0] * DIMENSIONS
    query_count = 0
    document_count = 0
    for token, token_type, attended in zip(ids, type_ids, mask):
        if attended == 0:
            continue
        target = query if token_type == 0 else document
        if token_type == 0:
            query_count += 1
        else:
            document_count += 1
        if not (token == 0 or 100 <= token <= 103):
            target[token % DIMENSIONS] += 1.0
    return SCALE * sum((q / query_count) * (d / document_count) for q, d in zip(query, document)) + BIAS


def check(module):
    # [CLS] solar panel [SEP] solar energy [SEP] [PAD], and a longer pair with the top token id
    ids = torch.tensor([[101, 5943, 5997, 102, 5943, 2943, 102, 0],
                        [101, 5943, 102, 5943, 5997, 5997, VOCAB_SIZE - 1, 102]], dtype=torch.int64)
    types = torch.tensor([[0, 0, 0, 0, 1, 1, 1, 0],
                          [0, 0, 0, 1, 1, 1, 1, 1]], dtype=torch.int64)
    mask = torch.tensor([[1, 1, 1, 1, 1, 1, 1, 0],
                         [1, 1, 1, 1, 1, 1, 1, 1]], dtype=torch.int64)
    for columns in (8, 5):  # a second sequence length: the export must not be fixed to one shape
        logits = module(ids[:, :columns], mask[:, :columns], types[:, :columns])
        assert logits.shape == (2, 1), logits.shape
        for row in range(2):
            expected = reference_logit(ids[row, :columns].tolist(), types[row, :columns].tolist(),
                                       mask[row, :columns].tolist())
            actual = logits[row, 0].item()
            assert abs(actual - expected) < 1e-5, (columns, row, actual, expected)


def write_without_debug_info(module, path):
    """Saves like torch.jit.save, minus the *.debug_pkl entries: they hold source ranges with this
    script's absolute path, and libtorch loads a module without them."""
    buffer = io.BytesIO()
    torch.jit.save(module, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for entry in source.infolist():
            if not entry.filename.endswith(".debug_pkl"):
                target.writestr(zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0)),
                                source.read(entry))


def main():
    module = torch.jit.script(TinyCrossEncoder().eval())
    check(module)
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    write_without_debug_info(module, OUTPUT)
    check(torch.jit.load(OUTPUT))
    print("wrote %s (%d bytes) with torch %s" % (os.path.normpath(OUTPUT), os.path.getsize(OUTPUT),
                                                torch.__version__))


if __name__ == "__main__":
    sys.exit(main())
