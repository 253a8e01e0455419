for i in 1 2 3; do for m in 1 2; do
 r=$(XMUL=$m node --conditions=source --import tsx bench/.tmp/trace-apply.ts 2>&1 | grep -E "WAVE|total" | tr '\n' ' ')
 echo "mul=$m $r"; done; done
