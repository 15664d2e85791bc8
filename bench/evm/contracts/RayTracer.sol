// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A fixed-point (1e6) ray tracer: run(n) renders an n x n image of three lit spheres and returns a checksum.
/// Compute-heavy: signed arithmetic, integer square roots, no storage.
contract RayTracer {
    int256 constant ONE = 1e6;

    struct Sphere { int256 cx; int256 cy; int256 cz; int256 r; int256 shade; }

    function isqrt(int256 x) internal pure returns (int256 y) {
        if (x <= 0) return 0;
        int256 z = (x + 1) / 2;
        y = x;
        while (z < y) { y = z; z = (x / z + z) / 2; }
    }

    /// Lambert shading with a light at the camera: the normal at the hit point dotted with -dir.
    function shade(Sphere memory sp, int256[3] memory d, int256 t) internal pure returns (uint256) {
        int256 nx = (d[0] * t / ONE - sp.cx) * ONE / sp.r;
        int256 ny = (d[1] * t / ONE - sp.cy) * ONE / sp.r;
        int256 nz = (d[2] * t / ONE - sp.cz) * ONE / sp.r;
        int256 lambert = -(nx * d[0] + ny * d[1] + nz * d[2]) / ONE;
        if (lambert < 0) lambert = 0;
        return uint256(sp.shade * lambert / ONE);
    }

    function run(uint256 n) external pure returns (uint256 sum) {
        Sphere[3] memory s = [
            Sphere(0, 0, 5 * ONE, 1 * ONE, 200),
            Sphere(2 * ONE, 0, 6 * ONE, 1 * ONE, 120),
            Sphere(-2 * ONE, ONE / 2, 7 * ONE, 2 * ONE, 80)
        ];
        int256 size = int256(n);
        for (int256 py = 0; py < size; py++) {
            for (int256 px = 0; px < size; px++) {
                // ray from origin through the pixel on the plane z = 1
                int256 dx = (2 * px - size) * ONE / size;
                int256 dy = (2 * py - size) * ONE / size;
                int256 dz = ONE;
                int256 len = isqrt(dx * dx + dy * dy + dz * dz);
                dx = dx * ONE / len; dy = dy * ONE / len; dz = dz * ONE / len;
                int256 best = type(int256).max;
                uint256 color = 0;
                for (uint256 k = 0; k < 3; k++) {
                    Sphere memory sp = s[k];
                    int256 b = (dx * sp.cx + dy * sp.cy + dz * sp.cz) / ONE;
                    int256 c = (sp.cx * sp.cx + sp.cy * sp.cy + sp.cz * sp.cz - sp.r * sp.r) / ONE;
                    int256 disc = b * b / ONE - c;
                    if (disc < 0) continue;
                    int256 t = b - isqrt(disc * ONE);
                    if (t > 0 && t < best) {
                        best = t;
                        color = shade(sp, [dx, dy, dz], t);
                    }
                }
                unchecked { sum = sum * 31 + color; }
            }
        }
    }
}
