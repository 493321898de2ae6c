"""Train one entity tagger: a character-aware BiLSTM-CRF over our SaudiNewsNet word vectors and lexicon flags.

    python training/ner.py [--seed N] [--silver FILE --init MODEL.npz] --out MODEL.npz

training/tagger.sh runs the whole recipe of the shipped model (two taggers, their ensemble tags SaudiNewsNet,
two students trained on ANERcorp plus that silver text, joined into one file); this script is one step of it.

Inputs per token: the vector of its normalized form and of its clitic-free form (both frozen: they carry what
SaudiNewsNet knows about words ANERcorp never shows; training/vocab.py), a character CNN (unseen names,
clitics, affixes), and our lexicon flags (gazetteer, given names, titles). It trains on the whole training file
for a fixed number of epochs and averages the weights of the last ones (`--swa-from`); `--dev 0.1` holds out
the last 10% to watch instead. The test file is only read at the end, to report.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocab as vocab_mod  # noqa: E402
from conll_score import score  # noqa: E402
from corpus import DATA, read_conll  # noqa: E402

from marsad.entities.tagger import N_LEX, TAGS, Featurizer, NumpyTagger, member_arrays, shrink  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def chunks(sents, max_len=100):
    """Long ANERcorp 'sentences' (lists up to 732 tokens) cut where no entity is open."""
    out = []
    for toks, tags in sents:
        start = 0
        while len(toks) - start > max_len:
            cut = start + max_len
            while cut > start + 20 and tags[cut].startswith("I-"):
                cut -= 1
            out.append((toks[start:cut], tags[start:cut]))
            start = cut
        out.append((toks[start:], tags[start:]))
    return out


class CRF(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))   # trans[i, j]: from tag i to tag j
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, n = em.shape
        maskf = mask.float()
        # gold path score
        s = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for i in range(1, t):
            step = self.trans[tags[:, i - 1], tags[:, i]] + em[:, i].gather(1, tags[:, i:i + 1]).squeeze(1)
            s = s + step * maskf[:, i]
        lengths = mask.sum(1)
        last = tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)
        s = s + self.end[last]
        # partition
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, i]
            alpha = torch.where(mask[:, i:i + 1], nxt, alpha)
        z = torch.logsumexp(alpha + self.end, dim=1)
        return (z - s).sum()


class Net(nn.Module):
    def __init__(self, vectors: np.ndarray, n_chars: int, hidden: int, char_dim=32, char_filters=64,
                 dropout=0.5):
        super().__init__()
        self.words = nn.Embedding.from_pretrained(torch.tensor(vectors), freeze=True)
        self.chars = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, char_filters, 3, padding=1)
        d = vectors.shape[1] * 2 + char_filters + N_LEX
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(d, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        self.crf = CRF(len(TAGS))

    def char_features(self, chars: torch.Tensor) -> torch.Tensor:
        """chars: (n_words, L) ids, 0 = padding -> (n_words, filters), max over real positions only."""
        x = self.conv(self.chars(chars).transpose(1, 2))          # (n, F, L)
        x = x.masked_fill((chars == 0).unsqueeze(1), -1e4)
        return torch.tanh(x.max(dim=2).values)

    def emissions(self, w, s, chars, type_idx, lex, lengths):
        cf = self.char_features(chars)[type_idx]                    # (b, t, F)
        x = torch.cat([self.words(w), self.words(s), cf, lex], dim=2)
        x = self.drop(x)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(h))


def tensors(feat: Featurizer, batch, tag_ids=True):
    enc = feat.encode_batch([toks for toks, _ in batch])
    out = {k: torch.from_numpy(v) for k, v in enc.items() if k != "forms"}
    if tag_ids:
        t = np.zeros(enc["w"].shape, dtype=np.int64)
        for i, (_, tags) in enumerate(batch):
            t[i, :len(tags)] = [TAGS.index(x) for x in tags]
        out["tags"] = torch.from_numpy(t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=28)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--vocab-file", default=str(OUT / "vocab.npz"), help="training/vocab.py's output")
    ap.add_argument("--swa-from", type=int, default=15,
                    help="average the weights of this epoch and the later ones (0: keep the last or best epoch)")
    ap.add_argument("--silver", default="", help="training/silver.py's output: tagged news mixed into every epoch")
    ap.add_argument("--silver-share", type=float, default=1.0,
                    help="silver sentences per epoch, as a multiple of the number of labeled ones")
    ap.add_argument("--news", default="",
                    help="training/news_gold.py's output: hand-annotated news, all of it in every epoch")
    ap.add_argument("--news-repeat", type=int, default=1, help="times the --news sentences enter each epoch")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--patience", type=int, default=6)
    ap.add_argument("--no-lexicon", action="store_true")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--init", default="", help="start from this model file's (first member's) weights")
    ap.add_argument("--dev", type=float, default=0.0,
                    help="fraction of the training file held out to pick the epoch (0: train on all, keep the last)")
    ap.add_argument("--max-train", type=int, default=None, help="sentences (for a quick check)")
    ap.add_argument("--threads", type=int, default=2, help="torch threads (1 when two runs share two cores)")
    ap.add_argument("--out", default=str(OUT / "ner.npz"))
    args = ap.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)

    train_all = read_conll(DATA / "anercorp" / "train.conll")
    cut = int(len(train_all) * (1 - args.dev))
    train, dev = chunks(train_all[:cut]), chunks(train_all[cut:]) or chunks(train_all[-200:])
    train = train[:args.max_train] if args.max_train else train
    test = read_conll(DATA / "anercorp" / "test.conll")

    v = vocab_mod.load(Path(args.vocab_file))
    keep = list(v["words"])
    counts = dict(zip(keep, (int(x) for x in v["counts"])))
    vectors = v["vectors"]
    chars = list(v["chars"])
    feat = Featurizer(keep, counts, chars, lexicon=not args.no_lexicon)
    print(f"vocabulary {len(keep):,}, chars {len(chars)}, train {len(train)} dev {len(dev)} test {len(test)}",
          flush=True)

    net = Net(vectors, len(chars) + 2, args.hidden)
    if args.init:
        load_npz(net, Path(args.init))
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=args.lr)
    best, best_state, bad = -1.0, None, 0
    swa, swa_n = None, 0
    silver = chunks(read_conll(Path(args.silver))) if args.silver else []
    news = chunks(read_conll(Path(args.news))) * args.news_repeat if args.news else []
    if news:
        print(f"hand-annotated news: {len(news):,} sentences in each epoch", flush=True)
    if silver:
        print(f"silver: {len(silver):,} sentences, {int(len(train) * args.silver_share):,} mixed into each epoch",
              flush=True)
    for epoch in range(args.epochs):
        t0 = time.time()
        net.train()
        pool = train + news + random.sample(silver, min(len(silver), int(len(train) * args.silver_share)))
        order = list(range(len(pool)))
        random.shuffle(order)
        total = 0.0
        for i in range(0, len(order), args.batch):
            batch = [pool[j] for j in order[i:i + args.batch]]
            b = tensors(feat, batch)
            em = net.emissions(b["w"], b["s"], b["chars"], b["type_idx"], b["lex"], b["lengths"])
            loss = net.crf.nll(em, b["tags"], b["mask"]) / len(batch)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(batch)
        if epoch == 0:
            check(net, feat, dev[:64])
        f1 = evaluate(net, feat, dev)
        print(f"epoch {epoch + 1}: loss {total / len(pool):.3f} dev F1 {f1:.4f} ({time.time() - t0:.0f}s)",
              flush=True)
        if args.swa_from and epoch + 1 >= args.swa_from:
            # the average of the weights of the last epochs: the dev F1 of single epochs swings by 2-3 points
            cur = {k: v.detach().clone().float() for k, v in net.state_dict().items()}
            swa = cur if swa is None else {k: swa[k] + (cur[k] - swa[k]) / (swa_n + 1) for k in swa}
            swa_n += 1
            continue
        if f1 > best or not args.dev:
            best, bad = f1, 0
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
        else:
            bad += 1
            if bad >= args.patience:
                break
    if swa is not None:
        net.load_state_dict(swa)
        best = evaluate(net, feat, dev)
        print(f"weights averaged over the last {swa_n} epochs: dev F1 {best:.4f}", flush=True)
    else:
        net.load_state_dict(best_state)
    weights = export(net, feat)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **shrink(weights))
    tagger = NumpyTagger.load(args.out)
    pred = tagger.tag_batch([t for t, _ in test])
    res = score([g for _, g in test], pred)
    print(f"best dev F1 {best:.4f}; test (numpy tagger): " +
          ", ".join(f"{k} {v['f1']:.4f}" for k, v in res.items()), flush=True)


def check(net: Net, feat: Featurizer, sents) -> None:
    """The NumPy tagger must compute what PyTorch computes."""
    net.eval()
    b = tensors(feat, sents)
    with torch.no_grad():
        em = net.emissions(b["w"], b["s"], b["chars"], b["type_idx"], b["lex"], b["lengths"]).numpy()
    em2, _ = NumpyTagger(export(net, feat))._emissions([t for t, _ in sents])
    m = b["mask"].numpy()
    diff = float(np.abs(em - em2)[m].max())
    print(f"numpy vs torch emissions: max difference {diff:.2e}", flush=True)
    assert diff < 1e-3, diff


def evaluate(net: Net, feat: Featurizer, sents) -> float:
    net.eval()
    tmp = export(net, feat)
    tagger = NumpyTagger(tmp)
    pred = tagger.tag_batch([t for t, _ in sents])
    return score([g for _, g in sents], pred)["all"]["f1"]


def load_npz(net: Net, path: Path) -> None:
    """The weights of a model file (its first member) into `net`: `export` read backwards. The word vectors
    stay the vocabulary's own (the file holds them quantized)."""
    with np.load(path) as z:
        a = member_arrays({k: z[k] for k in z.files})[0]
    sd = net.state_dict()
    new = {"chars.weight": a["char_emb"], "conv.weight": a["conv_w"], "conv.bias": a["conv_b"],
           "out.weight": a["out_w"], "out.bias": a["out_b"],
           "crf.trans": a["trans"], "crf.start": a["start"], "crf.end": a["end"]}
    for d, suffix in (("f", ""), ("b", "_reverse")):
        new[f"lstm.weight_ih_l0{suffix}"] = a[f"lstm_{d}_wi"]
        new[f"lstm.weight_hh_l0{suffix}"] = a[f"lstm_{d}_wh"]
        new[f"lstm.bias_ih_l0{suffix}"] = a[f"lstm_{d}_b"]
        new[f"lstm.bias_hh_l0{suffix}"] = np.zeros_like(a[f"lstm_{d}_b"])
    for k, v in new.items():
        if tuple(sd[k].shape) != v.shape:
            raise SystemExit(f"{path}: {k} has shape {v.shape}, the network {tuple(sd[k].shape)}")
        sd[k] = torch.tensor(v)
    net.load_state_dict(sd)


def export(net: Net, feat: Featurizer) -> dict[str, np.ndarray]:
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    out = feat.arrays()
    out.update({
        "word_vectors": sd["words.weight"].astype(np.float32),
        "char_emb": sd["chars.weight"], "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "trans": sd["crf.trans"], "start": sd["crf.start"], "end": sd["crf.end"],
    })
    for d, suffix in (("f", ""), ("b", "_reverse")):
        out[f"lstm_{d}_wi"] = sd[f"lstm.weight_ih_l0{suffix}"]
        out[f"lstm_{d}_wh"] = sd[f"lstm.weight_hh_l0{suffix}"]
        out[f"lstm_{d}_b"] = sd[f"lstm.bias_ih_l0{suffix}"] + sd[f"lstm.bias_hh_l0{suffix}"]
    return out


if __name__ == "__main__":
    main()
