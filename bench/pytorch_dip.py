#!/usr/bin/env python3
"""PyTorch twin of dipstream's engine, for benchmarks on the same machine.

Builds the Deep Image Prior "skip" network as described in ../shared/DIP-REFERENCE.md section 1.2
(reflection padding, BatchNorm in training mode, LeakyReLU 0.2, bilinear upsampling, sigmoid head)
and either times training iterations or denoises an image with the paper's settings.

  pytorch_dip.py time --size 256 --iterations 5
  pytorch_dip.py denoise --input noisy.png --reference clean.png --iterations 600 --seed 1

Uses Debian's python3-torch; threads default to 2 (CI's core count).
"""
import argparse
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn


def conv(cin, cout, k, stride=1):
    pad = (k - 1) // 2
    layers = []
    if pad > 0:
        layers.append(nn.ReflectionPad2d(pad))
    layers.append(nn.Conv2d(cin, cout, k, stride=stride, bias=True))
    return nn.Sequential(*layers)


def bn_act(c, act=True):
    layers = [nn.BatchNorm2d(c)]
    if act:
        layers.append(nn.LeakyReLU(0.2))
    return layers


class Level(nn.Module):
    def __init__(self, cin, d, u, s, deeper, deeper_out, mode):
        super().__init__()
        self.skip = nn.Sequential(conv(cin, s, 1), *bn_act(s)) if s > 0 else None
        self.down = nn.Sequential(conv(cin, d, 3, 2), *bn_act(d), conv(d, d, 3), *bn_act(d))
        self.deeper = deeper
        self.up = nn.Upsample(scale_factor=2, mode=mode)
        k = deeper_out if deeper is not None else d
        self.tail = nn.Sequential(
            *bn_act(s + k, act=False), conv(s + k, u, 3), *bn_act(u), conv(u, u, 1), *bn_act(u)
        )

    def forward(self, x):
        y = self.down(x)
        if self.deeper is not None:
            y = self.deeper(y)
        y = self.up(y)
        if self.skip is not None:
            y = torch.cat([self.skip(x), y], dim=1)
        return self.tail(y)


def skip_net(depth=32, out=3, scales=5, d=128, u=128, s=4, mode="bilinear"):
    deeper = None
    for i in reversed(range(scales)):
        cin = depth if i == 0 else d
        deeper = Level(cin, d, u, s, deeper, u, mode)
    return nn.Sequential(deeper, conv(u, out, 1), nn.Sigmoid())


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# dipstream's presets (Preset.scaled): channels per scale, and the input depth that goes with them.
NETS = {"paper": (128, 32), "balanced": (64, 32), "fast": (16, 8)}


def cmd_time(a):
    torch.manual_seed(a.seed)
    width, depth = NETS[a.net]
    h = a.height or a.size
    net = skip_net(depth=depth, d=width, u=width, s=min(4, width))
    z = torch.rand(1, depth, h, a.size) * 0.1
    target = torch.rand(1, 3, h, a.size)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    mse = nn.MSELoss()

    def step():
        opt.zero_grad()
        outp = net(z + torch.randn_like(z) / 30)
        loss = mse(outp, target)
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.iterations):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"pytorch net={a.net} size={a.size}x{h} threads={torch.get_num_threads()} "
          f"ms_per_iteration={float(np.median(times)):.1f} peak_rss_mib={peak_rss_mib():.0f}")


def read_rgb(path):
    import PIL.Image
    return np.asarray(PIL.Image.open(path).convert("RGB"), dtype=np.float32) / 255.0


def psnr(a, b):
    a = np.clip(np.round(a * 255), 0, 255)
    b = np.clip(np.round(b * 255), 0, 255)
    mse = np.mean((a - b) ** 2)
    return 10 * np.log10(255.0 ** 2 / mse)


def cmd_denoise(a):
    torch.manual_seed(a.seed)
    noisy = read_rgb(a.input)
    clean = read_rgb(a.reference)
    h, w, _ = noisy.shape
    hp, wp = (h + 31) // 32 * 32, (w + 31) // 32 * 32
    x = torch.from_numpy(noisy).permute(2, 0, 1)[None]
    x = nn.functional.pad(x, (0, wp - w, 0, hp - h), mode="reflect") if (hp, wp) != (h, w) else x
    net = skip_net()
    z = torch.rand(1, 32, hp, wp) * 0.1
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    avg = None
    t0 = time.perf_counter()
    for _ in range(a.iterations):
        opt.zero_grad()
        outp = net(z + torch.randn_like(z) / 30)
        loss = ((outp - x)[..., :h, :w] ** 2).mean()
        loss.backward()
        opt.step()
        o = outp.detach()
        avg = o if avg is None else avg * 0.99 + o * 0.01
    secs = time.perf_counter() - t0
    out = avg[0, :, :h, :w].permute(1, 2, 0).numpy()
    print(f"pytorch iterations={a.iterations} seconds={secs:.1f} psnr={psnr(out, clean):.2f} "
          f"noisy_psnr={psnr(noisy, clean):.2f}")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--size", type=int, default=256, help="width (and height, unless --height)")
    t.add_argument("--height", type=int, default=0)
    t.add_argument("--net", choices=sorted(NETS), default="paper")
    t.add_argument("--iterations", type=int, default=5)
    t.add_argument("--warmup", type=int, default=2)
    t.add_argument("--seed", type=int, default=1)
    d = sub.add_parser("denoise")
    d.add_argument("--input", required=True)
    d.add_argument("--reference", required=True)
    d.add_argument("--iterations", type=int, default=600)
    d.add_argument("--seed", type=int, default=1)
    for q in (t, d):
        q.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    n = sum(x.numel() for x in skip_net().parameters())
    if n != 2217831:
        sys.exit(f"parameter count {n} differs from the reference's 2,217,831")
    {"time": cmd_time, "denoise": cmd_denoise}[a.cmd](a)


if __name__ == "__main__":
    main()
