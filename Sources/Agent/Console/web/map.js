// The top-down map and the side view: the room's walls, obstacles and pads
// when the simulator's ground truth is known, the live position and its trail.
// World frame (the simulator's): centimetres, x forward, y left, z up.
export class FlightMap {
  constructor(top, side) {
    this.top = top;
    this.side = side;
    this.world = null;
    this.trail = [];
    this.predicted = [];
    this.position = null;
    this.yaw = 0;
  }

  setWorld(world) { this.world = world; }

  // The preflight's predicted path ([x, y, z, yaw] samples, cm), drawn dashed under the trail.
  setPredicted(path) {
    this.predicted = (path ?? []).map(([x, y, z]) => ({ x, y, z }));
    this.draw();
  }

  // A new position; the trail keeps the last 2000 points that moved at least 2 cm.
  move(position, yaw) {
    const last = this.trail.at(-1);
    if (!last || Math.hypot(position.x - last.x, position.y - last.y, position.z - last.z) >= 2) {
      this.trail.push({ ...position });
      if (this.trail.length > 2000) this.trail.shift();
    }
    this.position = position;
    this.yaw = yaw ?? 0;
    this.draw();
  }

  bounds() {
    if (this.world) return this.world.room;
    const points = this.trail.length ? this.trail : [{ x: 0, y: 0, z: 0 }];
    const pad = 150;
    return {
      minX: Math.min(...points.map((p) => p.x)) - pad, maxX: Math.max(...points.map((p) => p.x)) + pad,
      minY: Math.min(...points.map((p) => p.y)) - pad, maxY: Math.max(...points.map((p) => p.y)) + pad, height: 300,
    };
  }

  draw() {
    this.drawTop();
    this.drawSide();
  }

  drawTop() {
    const g = this.top.getContext("2d");
    const { width, height } = this.top;
    const room = this.bounds();
    // Screen right is world -y, screen up is world +x.
    const scale = Math.min((width - 20) / (room.maxY - room.minY), (height - 20) / (room.maxX - room.minX));
    const u = (y) => width / 2 - (y - (room.minY + room.maxY) / 2) * scale;
    const v = (x) => height / 2 - (x - (room.minX + room.maxX) / 2) * scale;
    g.clearRect(0, 0, width, height);
    g.strokeStyle = "#55616d";
    g.strokeRect(u(room.maxY), v(room.maxX), (room.maxY - room.minY) * scale, (room.maxX - room.minX) * scale);
    if (this.world) {
      for (const box of [...this.world.walls, ...this.world.obstacles]) {
        g.fillStyle = colour(box.colour, "#6b7785");
        g.fillRect(u(box.max.y), v(box.max.x), (box.max.y - box.min.y) * scale, (box.max.x - box.min.x) * scale);
      }
      g.fillStyle = "#d68910";
      g.font = "10px sans-serif";
      for (const pad of this.world.pads) {
        g.fillRect(u(pad.y) - 5, v(pad.x) - 5, 10, 10);
        g.fillText(`m${pad.id}`, u(pad.y) + 7, v(pad.x) + 4);
      }
    }
    this.drawPath(g, this.predicted, (p) => [u(p.y), v(p.x)], "#b48ead", [6, 4]);
    this.drawTrail(g, (p) => [u(p.y), v(p.x)]);
    if (this.position) {
      const [x, y] = [u(this.position.y), v(this.position.x)];
      // Yaw is clockwise from +x (screen up): clockwise on screen too.
      const angle = (this.yaw * Math.PI) / 180;
      g.fillStyle = "#3d8bfd";
      g.beginPath();
      g.moveTo(x + Math.sin(angle) * 10, y - Math.cos(angle) * 10);
      g.lineTo(x + Math.sin(angle + 2.5) * 7, y - Math.cos(angle + 2.5) * 7);
      g.lineTo(x + Math.sin(angle - 2.5) * 7, y - Math.cos(angle - 2.5) * 7);
      g.fill();
    }
  }

  drawSide() {
    const g = this.side.getContext("2d");
    const { width, height } = this.side;
    const room = this.bounds();
    const scale = Math.min((width - 20) / (room.maxX - room.minX), (height - 20) / room.height);
    const u = (x) => 10 + (x - room.minX) * scale;
    const v = (z) => height - 10 - z * scale;
    g.clearRect(0, 0, width, height);
    g.strokeStyle = "#55616d";
    g.strokeRect(u(room.minX), v(room.height), (room.maxX - room.minX) * scale, room.height * scale);
    if (this.world) {
      for (const box of [...this.world.walls, ...this.world.obstacles]) {
        g.fillStyle = colour(box.colour, "#6b7785");
        g.fillRect(u(box.min.x), v(box.max.z), (box.max.x - box.min.x) * scale, (box.max.z - box.min.z) * scale);
      }
    }
    this.drawPath(g, this.predicted, (p) => [u(p.x), v(p.z)], "#b48ead", [6, 4]);
    this.drawTrail(g, (p) => [u(p.x), v(p.z)]);
    if (this.position) {
      g.fillStyle = "#3d8bfd";
      g.beginPath();
      g.arc(u(this.position.x), v(this.position.z), 5, 0, Math.PI * 2);
      g.fill();
    }
  }

  drawTrail(g, project) {
    this.drawPath(g, this.trail, project, "#2e9d5b", []);
  }

  drawPath(g, points, project, style, dash) {
    if (points.length < 2) return;
    g.strokeStyle = style;
    g.lineWidth = 1.5;
    g.setLineDash(dash);
    g.beginPath();
    points.forEach((point, index) => {
      const [x, y] = project(point);
      if (index === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
    g.setLineDash([]);
  }
}

function colour(value, fallback) {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback;
}
